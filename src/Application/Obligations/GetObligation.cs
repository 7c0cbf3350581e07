using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>Read one obligation with its history (its unit's reports and every other step, oldest first), its timeliness
/// taken on <paramref name="AsOf"/> (default: today in Asia/Ho_Chi_Minh). A unit client reads only its own unit's.</summary>
public sealed record GetObligationQuery(Guid Id, DateOnly? AsOf = null) : IRequest<ObligationDetailDto>;

public sealed class GetObligationValidator : AbstractValidator<GetObligationQuery>
{
    public GetObligationValidator() => RuleFor(x => x.AsOf).InDateRange();
}

public sealed class GetObligationHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client) : IRequestHandler<GetObligationQuery, ObligationDetailDto>
{
    public async Task<ObligationDetailDto> Handle(GetObligationQuery request, CancellationToken cancellationToken)
    {
        var obligation = await db.FindDtoAsync(request.Id, request.AsOf ?? TaskQueries.Today(clock), cancellationToken);
        client.EnsureOwnUnit(obligation.Unit.Code);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ObligationId == request.Id)
            .OrderBy(r => r.ReportedOn).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ProjectToType<ProgressReportDto>().ToListAsync(cancellationToken);
        var events = await db.ObligationEvents.AsNoTracking().Where(e => e.ObligationId == request.Id).OrderBy(e => e.Id)
            .Select(e => new ObligationEventDto(e.Id, e.Kind, e.Reason, e.Actor, e.Detail, e.At)).ToListAsync(cancellationToken);
        return new ObligationDetailDto(obligation, reports, events);
    }
}

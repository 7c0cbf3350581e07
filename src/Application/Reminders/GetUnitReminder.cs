using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Obligations;
using EmulationApi.Application.Tasks;
using EmulationApi.Application.Units;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Reminders;

/// <summary>
/// The digest a unit would receive on a day (a preview: nothing is sent), computed exactly as a run computes it. A unit
/// client reads only its own unit's.
/// </summary>
/// <param name="Code">The unit's code (any case).</param>
/// <param name="AsOf">The day; default today in Asia/Ho_Chi_Minh.</param>
public sealed record GetUnitReminderQuery(string Code, DateOnly? AsOf = null) : IRequest<ReminderDigestDto>;

public sealed class GetUnitReminderValidator : AbstractValidator<GetUnitReminderQuery>
{
    public GetUnitReminderValidator()
    {
        RuleFor(x => x.Code).UnitCode();
        RuleFor(x => x.AsOf).InDateRange();
    }
}

public sealed class GetUnitReminderHandler(IAppDbContext db, ICurrentClient client, ReminderSettings settings, TimeProvider clock)
    : IRequestHandler<GetUnitReminderQuery, ReminderDigestDto>
{
    public async Task<ReminderDigestDto> Handle(GetUnitReminderQuery request, CancellationToken cancellationToken)
    {
        client.EnsureOwnUnit(request.Code);
        var unit = await db.Units.AsNoTracking().WithCode(request.Code).Select(u => new { u.Id, u.Code, u.Name }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Unit", request.Code);
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var lines = await db.ReminderLines(asOf, settings, unit.Id).ToListAsync(cancellationToken);
        return ReminderDigests.Digest(unit.Code, unit.Name, lines, asOf, settings, slot: null);
    }
}

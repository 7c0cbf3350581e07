using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Read one dossier; whether it is overdue is judged on <paramref name="AsOf"/> (by default today, Bắc Ninh time).</summary>
public sealed record GetDossierQuery(Guid Id, DateOnly? AsOf = null) : IRequest<DossierDto>;

public sealed class GetDossierValidator : AbstractValidator<GetDossierQuery>
{
    public GetDossierValidator() => RuleFor(x => x.AsOf).InDateRange();
}

public sealed class GetDossierHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<GetDossierQuery, DossierDto>
{
    public async Task<DossierDto> Handle(GetDossierQuery request, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().Where(d => d.Id == request.Id)
                          .ReadNamedAsync(db, settings, request.AsOf ?? Tasks.TaskQueries.Today(clock), cancellationToken)
                      ?? throw new NotFoundException("Dossier", request.Id);
        client.EnsureMayActFor(dossier.ProposingUnit.Code);
        return dossier;
    }
}

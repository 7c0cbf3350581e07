using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Draft a nomination dossier; a unit client drafts for its own unit only.</summary>
public sealed record CreateDossierCommand : DossierFields, IRequest<DossierDto>;

public sealed class CreateDossierValidator : AbstractValidator<CreateDossierCommand>
{
    public CreateDossierValidator() => Include(new DossierFieldsValidator());
}

public sealed class CreateDossierHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<CreateDossierCommand, DossierDto>
{
    public async Task<DossierDto> Handle(CreateDossierCommand request, CancellationToken cancellationToken)
    {
        client.EnsureMayActFor(request.ProposingUnitCode!);
        var (unitId, nominees) = await request.ResolveAsync(db, cancellationToken);
        var dossier = Dossier.Create(unitId, request.Year!.Value, request.Period, request.Type!.Value, new DossierSource(request.MovementId, request.ClusterId), nominees);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Dossiers.AsNoTracking().Where(d => d.Id == dossier.Id).ReadNamedAsync(db, settings, Tasks.TaskQueries.Today(clock), cancellationToken))!;
    }
}

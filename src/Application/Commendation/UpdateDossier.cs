using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Rewrite a draft, or a dossier returned for completion; the nominees are replaced (with new ids).</summary>
public sealed record UpdateDossierCommand : DossierFields, IRequest<DossierDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateDossierValidator : AbstractValidator<UpdateDossierCommand>
{
    public UpdateDossierValidator() => Include(new DossierFieldsValidator());
}

public sealed class UpdateDossierHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<UpdateDossierCommand, DossierDto>
{
    public async Task<DossierDto> Handle(UpdateDossierCommand request, CancellationToken cancellationToken)
    {
        var dossier = await db.LoadForWriteAsync(client, request.Id, request.ExpectedVersion, cancellationToken);
        client.EnsureMayActFor(request.ProposingUnitCode!);
        var (unitId, nominees) = await request.ResolveAsync(db, cancellationToken);
        dossier.Describe(unitId, request.Year!.Value, request.Period, request.Type!.Value, new DossierSource(request.MovementId, request.ClusterId), nominees);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Dossiers.AsNoTracking().Where(d => d.Id == dossier.Id).ReadNamedAsync(db, settings, Tasks.TaskQueries.Today(clock), cancellationToken))!;
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>Delete a draft dossier (once submitted, a dossier is part of the record: 409).</summary>
public sealed record DeleteDossierCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteDossierHandler(IAppDbContext db, ICurrentClient client) : IRequestHandler<DeleteDossierCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteDossierCommand request, CancellationToken cancellationToken)
    {
        var dossier = await db.LoadForWriteAsync(client, request.Id, request.ExpectedVersion, cancellationToken);
        dossier.EnsureDeletable();
        db.Dossiers.Remove(dossier);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

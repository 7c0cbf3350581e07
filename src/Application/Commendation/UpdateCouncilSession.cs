using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>Rewrite an open session: its day, place, kind, members, minutes and the dossiers it considers (a dossier
/// left out is taken off, with its votes); a concluded session is 409.</summary>
public sealed record UpdateCouncilSessionCommand : CouncilSessionFields, IRequest<CouncilSessionDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateCouncilSessionValidator : AbstractValidator<UpdateCouncilSessionCommand>
{
    public UpdateCouncilSessionValidator() => Include(new CouncilSessionFieldsValidator());
}

public sealed class UpdateCouncilSessionHandler(IAppDbContext db) : IRequestHandler<UpdateCouncilSessionCommand, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(UpdateCouncilSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.LoadForWriteAsync(request.Id, request.ExpectedVersion, cancellationToken);
        await request.ApplyAsync(db, session, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadAsync(session.Id, cancellationToken);
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>Open a council session: the day, place and kind, the members present, the dossiers it considers.</summary>
public sealed record CreateCouncilSessionCommand : CouncilSessionFields, IRequest<CouncilSessionDto>;

public sealed class CreateCouncilSessionValidator : AbstractValidator<CreateCouncilSessionCommand>
{
    public CreateCouncilSessionValidator() => Include(new CouncilSessionFieldsValidator());
}

public sealed class CreateCouncilSessionHandler(IAppDbContext db) : IRequestHandler<CreateCouncilSessionCommand, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(CreateCouncilSessionCommand request, CancellationToken cancellationToken)
    {
        var session = CouncilSession.Create(request.Details());
        db.CouncilSessions.Add(session);
        await request.ApplyAsync(db, session, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadAsync(session.Id, cancellationToken);
    }
}

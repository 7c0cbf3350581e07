using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Conclude a session: every nominee of the dossiers it considers has its vote; each dossier records the
/// council's outcome per nominee (and may then be decided or forwarded). The session is read-only afterwards.</summary>
/// <param name="MinutesReference">The minutes (biên bản); required unless the session already names them.</param>
public sealed record ConcludeCouncilSessionCommand(string? MinutesReference = null) : IRequest<CouncilSessionDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class ConcludeCouncilSessionValidator : AbstractValidator<ConcludeCouncilSessionCommand>
{
    public ConcludeCouncilSessionValidator() => RuleFor(x => x.MinutesReference).MaximumLength(CouncilSession.MinutesMaxLength);
}

public sealed class ConcludeCouncilSessionHandler(IAppDbContext db) : IRequestHandler<ConcludeCouncilSessionCommand, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(ConcludeCouncilSessionCommand request, CancellationToken cancellationToken)
    {
        var session = await db.LoadForWriteAsync(request.Id, request.ExpectedVersion, cancellationToken);
        var dossiers = await db.Dossiers.Where(d => d.CouncilSessionId == session.Id).ToListAsync(cancellationToken);
        var votes = session.Conclude(dossiers.SelectMany(d => d.Nominees).Select(n => n.Id).ToHashSet(), request.MinutesReference);
        foreach (var dossier in dossiers) dossier.RecordCouncilOutcome(session.Id, votes);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadAsync(session.Id, cancellationToken);
    }
}

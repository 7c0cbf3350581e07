using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A session of the provincial emulation and commendation council (Hội đồng Thi đua – Khen thưởng tỉnh).</summary>
/// <param name="Members">The members present: name and place in the council.</param>
/// <param name="MinutesReference">The minutes (biên bản).</param>
/// <param name="PublishedOn">The day the council published its nominees (công khai), if it has.</param>
/// <param name="Dossiers">The dossiers the session considers, each with its nominees and the vote on each.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record CouncilSessionDto(
    Guid Id,
    DateOnly HeldOn,
    string? Place,
    CouncilSessionKind? Kind,
    CouncilSessionStatus Status,
    IReadOnlyList<CouncilMember> Members,
    string? MinutesReference,
    DateOnly? PublishedOn,
    IReadOnlyList<CouncilDossierDto> Dossiers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>A dossier as the council considers it: the proposing unit, the year, the status, the nominees.</summary>
public sealed record CouncilDossierDto(Guid Id, UnitRefDto ProposingUnit, int Year, DossierStatus Status, IReadOnlyList<CouncilNomineeDto> Nominees);

/// <summary>A nominee before the council: who (a person's or small collective's name, else the unit's), the unit, the
/// award asked for, and the vote once recorded. Not the achievements, position or category: those stay in the dossier.</summary>
/// <param name="Vote">The vote and the council's outcome; null until recorded.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record CouncilNomineeDto(Guid Id, NomineeKind Kind, string Name, UnitRefDto Unit, NomineeAwardDto Award, CouncilVoteDto? Vote);

/// <summary>How many members present voted for, against, or abstained, and the council's outcome (with its reason when not recommended).</summary>
public sealed record CouncilVoteDto(int For, int Against, int Abstain, CouncilOutcome Outcome, string? Reason);

/// <summary>Council sessions as answered, and the loading shared by their use cases. Sessions are the appraising body's
/// record: editors, admins and readers see them; a unit client sees the council's outcome on its own dossiers (the
/// nominees' councilOutcome) — the policy keeps it out of these.</summary>
public static class CouncilSessionProjections
{
    private sealed record SessionRow(Guid Id, DateOnly HeldOn, string? Place, CouncilSessionKind? Kind, CouncilSessionStatus Status,
        IReadOnlyList<CouncilMember> Members, string? MinutesReference, DateOnly? PublishedOn, IReadOnlyList<CouncilVote> Votes,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

    private sealed record NomineeRow(Guid Id, NomineeKind Kind, string? Name, Guid UnitId, Guid AwardId);

    private sealed record ConsideredDossierRow(Guid Id, Guid SessionId, Guid ProposingUnitId, int Year, DossierStatus Status, List<NomineeRow> Nominees);

    /// <summary>Reads the sessions of the query, in its order, named: their dossiers, units and awards with one query each.</summary>
    public static async Task<IReadOnlyList<CouncilSessionDto>> ReadNamedAsync(this IQueryable<CouncilSession> sessions, IAppDbContext db, CancellationToken ct)
    {
        var rows = await sessions.Select(s => new SessionRow(s.Id, s.HeldOn, s.Place, s.Kind, s.Status, s.Members, s.MinutesReference, s.PublishedOn,
            s.Votes, s.CreatedAt, s.UpdatedAt, s.Version)).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => (Guid?)r.Id).ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.CouncilSessionId))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new ConsideredDossierRow(d.Id, d.CouncilSessionId!.Value, d.ProposingUnitId, d.Year, d.Status,
                d.Nominees.OrderBy(n => n.Sequence).Select(n => new NomineeRow(n.Id, n.Kind, n.Name, n.UnitId, n.AwardId)).ToList()))
            .ToListAsync(ct);
        var unitIds = dossiers.Select(d => d.ProposingUnitId).Concat(dossiers.SelectMany(d => d.Nominees).Select(n => n.UnitId)).Distinct().ToList();
        var awardIds = dossiers.SelectMany(d => d.Nominees).Select(n => n.AwardId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new UnitRefDto(u.Id, u.Code, u.Name, u.Kind)).ToDictionaryAsync(u => u.Id, ct);
        var awards = await db.Awards.AsNoTracking().Where(a => awardIds.Contains(a.Id))
            .Select(a => new NomineeAwardDto(a.Id, a.Code, a.Name, a.Recipient, a.Level)).ToDictionaryAsync(a => a.Id, ct);
        return [.. rows.Select(r =>
        {
            var votes = r.Votes.ToDictionary(v => v.NomineeId);
            return new CouncilSessionDto(r.Id, r.HeldOn, r.Place, r.Kind, r.Status, r.Members, r.MinutesReference, r.PublishedOn,
                [.. dossiers.Where(d => d.SessionId == r.Id).Select(d => new CouncilDossierDto(d.Id, units[d.ProposingUnitId], d.Year, d.Status,
                    [.. d.Nominees.Select(n => new CouncilNomineeDto(n.Id, n.Kind, n.Name ?? units[n.UnitId].Name, units[n.UnitId], awards[n.AwardId],
                        votes.TryGetValue(n.Id, out var v) ? new CouncilVoteDto(v.For, v.Against, v.Abstain, v.Outcome, v.Reason) : null))]))],
                r.CreatedAt, r.UpdatedAt, r.Version);
        })];
    }

    /// <summary>Loads a session to change it (404 when absent), refusing a stale If-Match (412).</summary>
    public static async Task<CouncilSession> LoadForWriteAsync(this IAppDbContext db, Guid id, ExpectedVersion? expected, CancellationToken ct)
    {
        var session = await db.CouncilSessions.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Council session", id);
        session.EnsureVersion(expected);
        return session;
    }

    /// <summary>The session as answered after a write.</summary>
    public static async Task<CouncilSessionDto> ReadAsync(this IAppDbContext db, Guid id, CancellationToken ct) =>
        (await db.CouncilSessions.AsNoTracking().Where(s => s.Id == id).ReadNamedAsync(db, ct))[0];

    /// <summary>The ids of the nominees of the dossiers the session considers.</summary>
    public static async Task<IReadOnlySet<Guid>> ConsideredNomineesAsync(this IAppDbContext db, Guid sessionId, CancellationToken ct) =>
        (await db.Dossiers.Where(d => d.CouncilSessionId == sessionId).SelectMany(d => d.Nominees.Select(n => n.Id)).ToListAsync(ct)).ToHashSet();
}

using EmulationApi.Application.Clusters;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>An emulation movement (phong trào thi đua).</summary>
/// <param name="LaunchDocument">The document that launched it.</param>
/// <param name="ParentMovementId">The movement it continues (e.g. the national one a provincial one carries on).</param>
/// <param name="StartDate">The start of its period; null when the plan that registered it does not give one.</param>
/// <param name="PlanIds">The plans that carry it.</param>
/// <param name="Participants">The units and clusters that take part, each named.</param>
/// <param name="Steps">The lifecycle steps taken, in date order: launch, reviews (with their results), closing.</param>
public sealed record MovementDto(
    Guid Id,
    string Name,
    string? Slogan,
    MovementForm Form,
    LauncherLevel LauncherLevel,
    string? LaunchDocument,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Scope,
    Guid? ParentMovementId,
    IReadOnlyList<Guid> PlanIds,
    IReadOnlyList<MovementParticipantDto> Participants,
    MovementStatus Status,
    IReadOnlyList<MovementStep> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    /// <summary>The interim reviews (sơ kết), one per year or period, in date order.</summary>
    public IReadOnlyList<MovementReviewDto> InterimReviews =>
        [.. Steps.Where(s => s.Status == MovementStatus.InterimReviewed).Select(MovementReviewDto.Of)];

    /// <summary>The final review (tổng kết) that closed the series of reviews, once taken.</summary>
    public MovementReviewDto? FinalReview =>
        Steps.Where(s => s.Status == MovementStatus.FinalReviewed).Select(MovementReviewDto.Of).FirstOrDefault();
}

/// <summary>A review of a movement: the period it covers (interim reviews), its date, its document and its result.</summary>
public sealed record MovementReviewDto(string? Period, DateOnly Date, string? DocumentReference, string Result)
{
    internal static MovementReviewDto Of(MovementStep step) => new(step.Period, step.Date!.Value, step.DocumentReference, step.Result!);
}

/// <summary>A participant of a movement: a unit or a cluster/bloc, named (the other one is null).</summary>
/// <param name="Unit">The unit that takes part; null when the participant is a cluster (or the unit no longer exists).</param>
/// <param name="Cluster">The cluster or bloc that takes part; null when the participant is a unit.</param>
public sealed record MovementParticipantDto(UnitRefDto? Unit, ClusterRefDto? Cluster);

/// <summary>A movement as read, before its participants are named: the stored participants are ids in a jsonb column.</summary>
public sealed record MovementRow(MovementDto Movement, IReadOnlyList<MovementParticipant> Participants);

// Hand-written, not Mapster: the participants are ids in a jsonb column, named after the query with one lookup of the
// units and clusters of the whole page (not one per movement).
public static class MovementProjections
{
    public static IQueryable<MovementRow> ToRows(this IQueryable<Movement> movements) =>
        movements.Select(m => new MovementRow(
            new MovementDto(m.Id, m.Name, m.Slogan, m.Form, m.LauncherLevel, m.LaunchDocument, m.StartDate, m.EndDate, m.Scope,
                m.ParentMovementId, m.PlanIds, Array.Empty<MovementParticipantDto>(), m.Status, m.Steps, m.CreatedAt, m.UpdatedAt, m.Version),
            m.Participants));

    /// <summary>Reads the one movement of the query, its participants named; null when there is none.</summary>
    public static async Task<MovementDto?> ReadNamedAsync(this IQueryable<Movement> movements, IAppDbContext db, CancellationToken ct) =>
        await movements.ToRows().FirstOrDefaultAsync(ct) is { } row ? (await db.NameAsync([row], ct))[0] : null;

    /// <summary>Names the participants of the rows with one query over units and clusters together.</summary>
    public static async Task<IReadOnlyList<MovementDto>> NameAsync(this IAppDbContext db, IReadOnlyList<MovementRow> rows, CancellationToken ct)
    {
        var unitIds = rows.SelectMany(r => r.Participants).Select(p => p.UnitId).OfType<Guid>().Distinct().ToList();
        var clusterIds = rows.SelectMany(r => r.Participants).Select(p => p.ClusterId).OfType<Guid>().Distinct().ToList();
        var named = unitIds.Count + clusterIds.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, Code = (string?)u.Code, u.Name, Kind = (UnitKind?)u.Kind, Year = (int?)null })
            .Concat(db.Clusters.AsNoTracking().Where(c => clusterIds.Contains(c.Id))
                .Select(c => new { c.Id, Code = (string?)null, c.Name, Kind = (UnitKind?)null, Year = (int?)c.Year }))
            .ToListAsync(ct);
        var units = named.Where(n => n.Kind is not null).ToDictionary(n => n.Id, n => new UnitRefDto(n.Id, n.Code!, n.Name, n.Kind!.Value));
        var clusters = named.Where(n => n.Year is not null).ToDictionary(n => n.Id, n => new ClusterRefDto(n.Id, n.Name, n.Year!.Value));
        return [.. rows.Select(r => r.Movement with
        {
            Participants = [.. r.Participants.Select(p => new MovementParticipantDto(
                p.UnitId is { } unitId ? units.GetValueOrDefault(unitId) : null,
                p.ClusterId is { } clusterId ? clusters.GetValueOrDefault(clusterId) : null))],
        })];
    }
}

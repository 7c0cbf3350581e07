using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>A cluster's covenant (giao ước thi đua) and its scores.</summary>
/// <param name="Criteria">The criteria, addressed by their id when scoring.</param>
/// <param name="Signatories">The units that signed, each with its id, code and name.</param>
public sealed record CovenantDto(
    Guid Id,
    Guid ClusterId,
    CovenantStatus Status,
    IReadOnlyList<CovenantCriterion> Criteria,
    DateOnly? SignedOn,
    IReadOnlyList<UnitRefDto> Signatories,
    DateOnly? EvaluatedOn,
    IReadOnlyList<ScoreDto> Scores,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>A member's points on one criterion: the unit (id, code, name) and the criterion's id.</summary>
public sealed record ScoreDto(UnitRefDto Unit, Guid CriterionId, decimal Points);

public static class Covenants
{
    // Hand-written, not Mapster: Mapster 10's projection of the ordered scores joins member_scores three times, where this
    // one reads them in one join.
    public static IQueryable<CovenantDto> ToDto(this IQueryable<Covenant> covenants, IQueryable<Domain.Units.Unit> units) =>
        covenants.Select(c => new CovenantDto(c.Id, c.ClusterId, c.Status, c.Criteria, c.SignedOn,
            units.Where(u => c.Signatories.Contains(u.Id)).OrderBy(u => u.Code).Select(u => new UnitRefDto(u.Id, u.Code, u.Name, u.Kind)).ToList(),
            c.EvaluatedOn,
            c.Scores.Join(units, s => s.UnitId, u => u.Id, (s, u) => new { s, u }).OrderBy(x => x.u.Code).ThenBy(x => x.s.CriterionId)
                .Select(x => new ScoreDto(new UnitRefDto(x.u.Id, x.u.Code, x.u.Name, x.u.Kind), x.s.CriterionId, x.s.Points)).ToList(),
            c.UpdatedAt, c.Version));

    /// <summary>The cluster and its covenant, for a write; 404 when either is missing.</summary>
    public static async Task<(Cluster Cluster, Covenant Covenant)> LoadCovenantAsync(this IAppDbContext db, Guid clusterId, ExpectedVersion? expectedVersion, CancellationToken ct)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == clusterId, ct) ?? throw new NotFoundException("Cluster", clusterId);
        var covenant = await db.Covenants.FirstOrDefaultAsync(c => c.ClusterId == clusterId, ct) ?? throw new NotFoundException("Covenant of cluster", clusterId);
        covenant.EnsureVersion(expectedVersion);
        return (cluster, covenant);
    }

    public static Task<CovenantDto> ReadCovenantAsync(this IAppDbContext db, Guid clusterId, CancellationToken ct) =>
        db.Covenants.AsNoTracking().Where(c => c.ClusterId == clusterId).ToDto(db.Units).FirstAsync(ct);
}

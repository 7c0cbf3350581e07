using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;

namespace EmulationApi.Application.Clusters;

/// <summary>A cluster or bloc (Cụm, Khối thi đua) of one year with its members.</summary>
/// <param name="Sector">The sector of a sector-scope cluster.</param>
/// <param name="DecisionNumber">The decision that organised it.</param>
/// <param name="LeaderAbsent">An editor marked the leader absent: meanwhile the deputy may do the leader's work on the cluster.</param>
/// <param name="LeaderAbsenceNote">The editor's note on the absence.</param>
public sealed record ClusterDto(
    Guid Id,
    int Year,
    ClusterKind Kind,
    ClusterScope Scope,
    string? Sector,
    string Name,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    bool LeaderAbsent,
    string? LeaderAbsenceNote,
    IReadOnlyList<ClusterMemberDto> Members,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>A member — the unit (id, code, name, kind) — and its role for the year (cụm/khối trưởng, phó, thành viên).</summary>
public sealed record ClusterMemberDto(UnitRefDto Unit, MemberRole Role);

/// <summary>A member as a client names it: a unit code and a role.</summary>
public sealed record MemberInput(string? UnitCode, MemberRole? Role = MemberRole.Member);

// Hand-written, not Mapster: Mapster 10's projection of the ordered members joins cluster_members three times (the
// rows multiply by members³), where this one reads them in one join.
public static class ClusterProjections
{
    public static IQueryable<ClusterDto> ToDto(this IQueryable<Cluster> clusters) =>
        clusters.Select(c => new ClusterDto(c.Id, c.Year, c.Kind, c.Scope, c.Sector, c.Name, c.DecisionNumber, c.DecisionDate, c.LeaderAbsent, c.LeaderAbsenceNote,
            c.Members.OrderBy(m => m.Role == MemberRole.Leader ? 0 : m.Role == MemberRole.Deputy ? 1 : 2).ThenBy(m => m.Unit!.Code)
                .Select(m => new ClusterMemberDto(new UnitRefDto(m.UnitId, m.Unit!.Code, m.Unit.Name, m.Unit.Kind), m.Role)).ToList(),
            c.CreatedAt, c.UpdatedAt, c.Version));
}

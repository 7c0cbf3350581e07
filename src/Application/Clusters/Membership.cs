using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Assigning members to a cluster by unit code.</summary>
public static class Membership
{
    /// <summary>
    /// Checks a members list against the registry for a cluster of <paramref name="year"/> and <paramref name="scope"/>
    /// (<paramref name="clusterId"/>: the cluster itself, when it exists): an unknown code, or a unit already in another
    /// provincial cluster of the year, is a failure naming its row — for the rows whose code the validators accepted.
    /// Returns the units found. (The database enforces the second rule under concurrency; see ClusterConfiguration.)
    /// </summary>
    public static async Task<UnitCodeLookup> CheckMembersAsync(this IAppDbContext db, int year, ClusterScope? scope, Guid? clusterId,
        IReadOnlyList<MemberInput> members, RequestFailures failures, CancellationToken ct)
    {
        var codes = members.Select((m, i) => new UnitCodeAt($"members[{i}].unitCode", m.UnitCode!)).Where(c => failures.Accepted(c.Field)).ToList();
        var units = await db.Units.LookUpCodesAsync(codes, ct);
        failures.AddRange(units.Unknown);
        if (scope != ClusterScope.Provincial || !units.Found.Any()) return units;

        var ids = units.Found.Select(u => u.Id).ToList();
        var taken = await db.Clusters.Where(c => c.Year == year && c.Scope == ClusterScope.Provincial && c.Id != clusterId)
            .SelectMany(c => c.Members.Where(m => ids.Contains(m.UnitId)).Select(m => new { m.UnitId, c.Name }))
            .ToListAsync(ct);
        foreach (var (field, code) in codes)
            if (units.TryGet(code, out var unit) && taken.FirstOrDefault(t => t.UnitId == unit.Id) is { } other)
                failures.Add(new ValidationFailure(field, Localized.Text(
                    $"'{code.Trim()}' already belongs to the provincial cluster '{other.Name}' in {year}.",
                    $"'{code.Trim()}' đã thuộc cụm, khối thi đua của tỉnh '{other.Name}' trong năm {year}.")));
        return units;
    }

    /// <summary>The failure for a unit a request names as a member (a signatory, a scored unit) that is not one.</summary>
    public static ValidationFailure NotAMember(string field, string code) =>
        new(field, Localized.Text($"'{code.Trim()}' is not a member of this cluster.", $"'{code.Trim()}' không phải là thành viên của cụm, khối thi đua này."));

    /// <summary>Assigns checked members, all of them: members first, then the leader and deputy, so an appointment in the list is not undone by a later row.</summary>
    public static void AssignAll(this Cluster cluster, IReadOnlyList<MemberInput> members, UnitCodeLookup units)
    {
        foreach (var member in members.OrderBy(m => m.Role == MemberRole.Member ? 0 : 1))
            cluster.Assign(units[member.UnitCode!].Id, member.Role!.Value);
    }
}

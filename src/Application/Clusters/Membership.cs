using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Assigning members to a cluster by unit code.</summary>
public static class Membership
{
    /// <summary>
    /// Assigns members by unit code, all or nothing: unknown codes and units already in another provincial cluster of the
    /// year are 400s naming the row. (The database enforces the same rules under concurrency; see ClusterConfiguration.)
    /// </summary>
    public static async Task AssignAsync(this IAppDbContext db, Cluster cluster, IReadOnlyList<MemberInput> members, CancellationToken ct)
    {
        if (members.Count == 0) return;
        var units = await db.Units.LookUpCodesAsync(members.Select((m, i) => new UnitCodeAt($"members[{i}].unitCode", m.UnitCode!)), ct);
        var failures = units.Unknown.ToList();

        if (cluster.Scope == ClusterScope.Provincial)
        {
            var ids = units.Found.Select(u => u.Id).ToList();
            var taken = await db.Clusters.Where(c => c.Year == cluster.Year && c.Scope == ClusterScope.Provincial && c.Id != cluster.Id)
                .SelectMany(c => c.Members.Where(m => ids.Contains(m.UnitId)).Select(m => new { m.UnitId, c.Name }))
                .ToListAsync(ct);
            for (var i = 0; i < members.Count; i++)
                if (units.TryGet(members[i].UnitCode!, out var unit) && taken.FirstOrDefault(t => t.UnitId == unit.Id) is { } other)
                    failures.Add(new ValidationFailure($"members[{i}].unitCode",
                        Localized.Text(
                            $"'{members[i].UnitCode!.Trim()}' already belongs to the provincial cluster '{other.Name}' in {cluster.Year}.",
                            $"'{members[i].UnitCode!.Trim()}' đã thuộc cụm, khối thi đua của tỉnh '{other.Name}' trong năm {cluster.Year}.")));
        }
        if (failures.Count > 0) throw new ValidationException(failures);

        // Members first, then the leader and deputy, so an appointment in the list is not undone by a later row.
        foreach (var member in members.OrderBy(m => m.Role == MemberRole.Member ? 0 : 1))
            cluster.Assign(units[member.UnitCode!].Id, member.Role!.Value);
    }
}

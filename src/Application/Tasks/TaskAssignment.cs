using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Whether a unit is among a task's assignees, directly or through a group the plan names.</summary>
public static class TaskAssignment
{
    /// <summary>
    /// A unit is assigned when the task names it, or names a group it belongs to: all localities and units, or related
    /// units (any unit); all communes and wards (a Commune or Ward); all clusters and blocs (a member of one in the
    /// plan's year); cluster and bloc leaders (a leader in the plan's year).
    /// </summary>
    public static async Task<bool> IsAssignedAsync(this IAppDbContext db, PlanTask task, int planYear, KnownUnit unit, CancellationToken ct)
    {
        foreach (var assignee in task.Assignees)
        {
            if (assignee.UnitId == unit.Id) return true;
            switch (assignee.Group)
            {
                case AssigneeGroup.AllLocalitiesAndUnits or AssigneeGroup.RelatedUnits:
                    return true;
                case AssigneeGroup.AllCommunesAndWards when unit.Kind is UnitKind.Commune or UnitKind.Ward:
                    return true;
                case AssigneeGroup.AllClustersAndBlocs when await db.Clusters.AnyAsync(c => c.Year == planYear && c.Members.Any(m => m.UnitId == unit.Id), ct):
                    return true;
                case AssigneeGroup.ClusterAndBlocLeaders when await db.Clusters.AnyAsync(
                    c => c.Year == planYear && c.Members.Any(m => m.UnitId == unit.Id && m.Role == MemberRole.Leader), ct):
                    return true;
            }
        }
        return false;
    }
}

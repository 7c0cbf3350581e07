using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// Keeps obligations in line with what they depend on, whatever use case changed it. Read from EF's change tracker
/// before a save: a plan issued, tasks written (an amendment), units registered, deactivated, reactivated or given
/// another kind, a provincial cluster organised or its members changed, an obligation's progress changed. After the
/// rows are written, in the same transaction, it calls the derivation in PostgreSQL (<see cref="ObligationSql"/>) for
/// just the tasks those changes can reach. The bulk unit import queues its units for <see cref="ObligationDerivations"/>.
/// </summary>
internal sealed class ObligationUpkeep
{
    private readonly List<(Guid PlanId, DateOnly? IssueDate)> _issuedPlans = [];
    private readonly HashSet<Guid> _tasks = [];
    private readonly HashSet<Guid> _units = [];
    private readonly HashSet<Guid> _mergedUnits = [];
    private readonly HashSet<int> _clusterYears = [];
    private readonly HashSet<Guid> _progressed = [];
    private DateOnly? _amendmentDate;

    public bool IsEmpty => _issuedPlans.Count == 0 && _tasks.Count == 0 && _units.Count == 0 && _mergedUnits.Count == 0 && _clusterYears.Count == 0 && _progressed.Count == 0;

    public static ObligationUpkeep Read(ChangeTracker tracker)
    {
        var upkeep = new ObligationUpkeep();
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Plan plan when entry.State == EntityState.Modified && plan.Status == PlanStatus.Issued
                                    && entry.Property(nameof(Plan.Status)).OriginalValue is PlanStatus.Draft:
                    upkeep._issuedPlans.Add((plan.Id, plan.IssueDate));
                    break;
                case PlanTask task when entry.State is EntityState.Added or EntityState.Modified:
                    upkeep._tasks.Add(task.Id);
                    break;
                case PlanAmendment amendment when entry.State == EntityState.Added:
                    upkeep._amendmentDate = amendment.Date;
                    break;
                case Unit unit when entry.State == EntityState.Added
                                    || (entry.State == EntityState.Modified && (entry.Property(nameof(Unit.Kind)).IsModified || entry.Property(nameof(Unit.IsActive)).IsModified)):
                    (unit.SuccessorId is null ? upkeep._units : upkeep._mergedUnits).Add(unit.Id);
                    break;
                case Cluster cluster when cluster.Scope == ClusterScope.Provincial && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    upkeep._clusterYears.Add(cluster.Year);
                    break;
                case Obligation obligation when entry.State == EntityState.Modified:
                    upkeep._progressed.Add(obligation.TaskId);
                    break;
            }
        }
        return upkeep;
    }

    /// <summary>Every writer to tasks and obligations takes this lock first, so derived state is computed from committed
    /// rows and the feed's updated_at grows in commit order (see Schema.CreateOrderedTouch).</summary>
    public static Task LockFeedAsync(DbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock(hashtext('{Schema.FeedLockKey}'))", ct);

    public async Task RunAsync(DbContext db, DateOnly today, CancellationToken ct)
    {
        foreach (var (planId, issueDate) in _issuedPlans)
        {
            // Obligations arising with the plan arise on its issue date (the document's), not on the day it was entered.
            var aroseOn = issueDate ?? today;
            await db.Database.ExecuteSqlAsync($"SELECT emulation_derive_obligations(ARRAY(SELECT id FROM tasks WHERE plan_id = {planId}), {aroseOn}, {today})", ct);
        }
        if (_tasks.Count > 0)
        {
            var aroseOn = _amendmentDate ?? today;
            await db.Database.ExecuteSqlAsync($"SELECT emulation_derive_obligations({_tasks.ToArray()}, {aroseOn}, {today})", ct);
        }
        // A unit registered, given another kind, deactivated or reactivated changes only its own obligations.
        if (_units.Count > 0)
            await db.Database.ExecuteSqlAsync($"SELECT emulation_derive_unit_obligations({_units.ToArray()}, NULL, {today}, {today})", ct);
        // A merged unit hands its obligations to its successor: the whole tasks are reconciled.
        if (_mergedUnits.Count > 0) await DeriveForMergedAsync(db, _mergedUnits.ToArray(), today, ct);
        if (_clusterYears.Count > 0)
        {
            var years = _clusterYears.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                SELECT emulation_derive_obligations(ARRAY(
                    SELECT DISTINCT a.task_id FROM task_assignees a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id
                     WHERE p.status = 'Issued' AND p.year = ANY ({years}) AND a."group" IN ('ClusterAndBlocLeaders', 'AllClustersAndBlocs')),
                  {today}, {today})
                """, ct);
        }
        if (_progressed.Count > 0)
        {
            var tasks = _progressed.ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT emulation_refresh_task_status({tasks}, {tasks})", ct);
        }
    }

    /// <summary>Units merged: the group tasks of issued plans, and the tasks that name those units.</summary>
    private static Task DeriveForMergedAsync(DbContext db, Guid[] unitIds, DateOnly today, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            SELECT emulation_derive_obligations(ARRAY(
                SELECT DISTINCT a.task_id FROM task_assignees a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id
                 WHERE p.status = 'Issued' AND (a."group" IS NOT NULL OR a.unit_id = ANY ({unitIds}))),
              {today}, {today})
            """, ct);
}

using EmulationApi.Application.Obligations;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Reminders;
using EmulationApi.Domain.Units;
using EmulationApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EmulationApi.Application.Common.Persistence;

/// <summary>The database as the use cases see it. Implemented by Infrastructure's AppDbContext.</summary>
public interface IAppDbContext
{
    DbSet<Unit> Units { get; }
    DbSet<Plan> Plans { get; }
    DbSet<PlanTask> Tasks { get; }
    DbSet<ProgressReport> ProgressReports { get; }
    DbSet<PlanAmendment> PlanAmendments { get; }
    DbSet<Obligation> Obligations { get; }
    DbSet<ObligationEvent> ObligationEvents { get; }
    DbSet<ObligationCount> ObligationCounts { get; }
    /// <summary>Units' active obligations on tasks, with the tasks' plan year (<see cref="UnitTaskLink"/>).</summary>
    IQueryable<UnitTaskLink> ObligationLinks { get; }
    /// <summary>Units named on tasks (assignee rows), with the tasks' plan year (<see cref="UnitTaskLink"/>).</summary>
    IQueryable<UnitTaskLink> AssigneeLinks { get; }
    /// <summary>Tasks' lead rows with the tasks' plan year (<see cref="TaskLead"/>).</summary>
    IQueryable<TaskLead> TaskLeads { get; }
    DbSet<TaskTombstone> TaskTombstones { get; }
    DbSet<Movement> Movements { get; }
    DbSet<Award> Awards { get; }
    DbSet<Dossier> Dossiers { get; }
    DbSet<CouncilSession> CouncilSessions { get; }
    DbSet<AwardRecord> AwardRecords { get; }
    DbSet<BaseSalary> BaseSalaries { get; }
    DbSet<EligibilityRule> EligibilityRules { get; }
    DbSet<SeededRule> SeededRules { get; }
    DbSet<Attachment> Attachments { get; }
    DbSet<Cluster> Clusters { get; }
    DbSet<Covenant> Covenants { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<WebhookSubscription> WebhookSubscriptions { get; }
    DbSet<WebhookEvent> WebhookEvents { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts { get; }
    DbSet<ReminderRun> ReminderRuns { get; }

    /// <summary>A read-only query in SQL, for what LINQ cannot say (window functions); parameters are bound, never spliced.
    /// Read it on its own: composed into a LINQ query, its parameters stop EF Core from caching the SQL of the whole
    /// statement, which is then generated afresh on every execution (issue 15's seventh pass). For rows LINQ can filter,
    /// map a keyless type to fixed SQL instead (<see cref="ObligationLinks"/>, <see cref="TaskLeads"/>).</summary>
    IQueryable<TResult> SqlQuery<TResult>(FormattableString sql);

    /// <summary>
    /// A read-only query in SQL over the rows of a LINQ query, for what LINQ cannot say about them (window functions, one
    /// pass that both sums and pages them): <paramref name="sql"/> places the statement EF Core writes for
    /// <paramref name="rows"/> where it interpolates <see cref="SqlSubquery.Rows"/> (its columns named after the rows'
    /// members). An interpolated <see cref="FormattableString"/> is a piece of SQL composed in place; every other value,
    /// in the pieces too, is bound as a parameter, never spliced.
    /// </summary>
    IQueryable<TResult> SqlQueryOver<TResult>(IQueryable rows, Func<SqlSubquery, FormattableString> sql);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that writes to tasks or obligations, taking first the one feed lock every such writer takes
    /// (so derived task state is computed from committed rows, and the feed's updated_at grows in commit order).
    /// </summary>
    Task<IDbContextTransaction> BeginFeedWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a read of one snapshot (REPEATABLE READ) for an answer read in more than one statement: every statement
    /// until it ends sees the rows committed before its first, as one statement would. Nothing is written under it.
    /// </summary>
    Task<IDbContextTransaction> BeginSnapshotReadAsync(CancellationToken cancellationToken);
}

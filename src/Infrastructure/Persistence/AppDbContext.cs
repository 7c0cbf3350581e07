using System.Globalization;
using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Obligations;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Common;
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
using EmulationApi.Infrastructure.Persistence.Configurations;
using Npgsql;

namespace EmulationApi.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IAppDbContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTask> Tasks => Set<PlanTask>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<PlanAmendment> PlanAmendments => Set<PlanAmendment>();
    public DbSet<Obligation> Obligations => Set<Obligation>();
    public DbSet<ObligationEvent> ObligationEvents => Set<ObligationEvent>();
    public DbSet<ObligationCount> ObligationCounts => Set<ObligationCount>();
    public IQueryable<UnitTaskLink> ObligationLinks => Set<UnitTaskLink>(UnitTaskLinkConfiguration.Obligations);
    public IQueryable<UnitTaskLink> AssigneeLinks => Set<UnitTaskLink>(UnitTaskLinkConfiguration.Assignees);
    public IQueryable<TaskLead> TaskLeads => Set<TaskLead>();
    public DbSet<TaskTombstone> TaskTombstones => Set<TaskTombstone>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<CouncilSession> CouncilSessions => Set<CouncilSession>();
    public DbSet<AwardRecord> AwardRecords => Set<AwardRecord>();
    public DbSet<BaseSalary> BaseSalaries => Set<BaseSalary>();
    public DbSet<EligibilityRule> EligibilityRules => Set<EligibilityRule>();
    public DbSet<SeededRule> SeededRules => Set<SeededRule>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<Covenant> Covenants => Set<Covenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();
    public DbSet<ReminderRun> ReminderRuns => Set<ReminderRun>();

    /// <summary>The request's audit trail, set when the context is handed to a use case (see DependencyInjection);
    /// every SaveChanges then records what it writes, in the same transaction.</summary>
    public AuditTrail? Audit { get; set; }

    /// <summary>The clock "today" is read from (Asia/Ho_Chi_Minh), set with <see cref="Audit"/> when the context is handed out.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The request's webhook outbox, set with <see cref="Audit"/>: every SaveChanges writes the events added to it
    /// since the last one, in the same transaction.</summary>
    public Webhooks.WebhookOutbox? Outbox { get; set; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TouchOwnersOfChangedParts();
        if (Audit is { } audit) AuditEntries.AddRange(AuditCollector.Collect(ChangeTracker, audit));
        // Events go in the same batch; EF orders its commands by table, so they follow the rows of the change they describe.
        if (Outbox is { } outbox)
        {
            await Webhooks.WebhookEventCollector.CollectAsync(this, outbox, cancellationToken);
            WebhookEvents.AddRange(outbox.Take(Clock.GetUtcNow()));
        }
        var upkeep = ObligationUpkeep.Read(ChangeTracker);
        if (upkeep.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // What obligations depend on changed: derive them in the same transaction, after the feed lock.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // A feed write (BeginFeedWriteAsync) already holds the lock: not asked for again, one round trip less under it.
            if (_feedWrite is null || _feedWrite != Database.CurrentTransaction) await ObligationUpkeep.LockFeedAsync(this, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await upkeep.RunAsync(this, Today, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Synchronous saves would skip the obligation upkeep; every use case saves asynchronously.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Save with SaveChangesAsync: it keeps obligations in line in the same transaction.");

    /// <summary>The transaction begun by <see cref="BeginFeedWriteAsync"/>: it holds the feed lock until it ends.</summary>
    private IDbContextTransaction? _feedWrite;

    public async Task<IDbContextTransaction> BeginFeedWriteAsync(CancellationToken cancellationToken)
    {
        // The BEGIN goes with the lock in one round trip. A feed write saves once and commits, or fails whole: no
        // savepoint before its save (one round trip less while the lock is held). The pool resets this per lease.
        Database.AutoSavepointsEnabled = false;
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await ObligationUpkeep.LockFeedAsync(this, cancellationToken);
        _feedWrite = transaction;
        return transaction;
    }

    public Task<IDbContextTransaction> BeginSnapshotReadAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    private DateOnly Today => Application.Tasks.TaskQueries.Today(Clock);

    /// <summary>
    /// A change to an owned part kept in its own table (a task's assignees, a cluster's members) is a change of its
    /// owner: the owner's row is written too, so its version (ETag), updated_at and change feed move with it. An
    /// amendment recorded is likewise a change of its plan: a write based on the plan as it was before is refused
    /// (If-Match → 412), and a concurrent amendment loses (409).
    /// </summary>
    private void TouchOwnersOfChangedParts()
    {
        foreach (var amendment in ChangeTracker.Entries<PlanAmendment>().Where(e => e.State == EntityState.Added).ToList())
            if (ChangeTracker.Entries<Plan>().FirstOrDefault(p => p.Entity.Id == amendment.Entity.PlanId) is { State: EntityState.Unchanged } plan)
                plan.State = EntityState.Modified;

        var owners = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified && e.Metadata.IsOwned()
                        && e.Metadata.FindOwnership() is { } o && o.PrincipalEntityType.FindPrimaryKey() is { Properties.Count: 1 })
            .Select(e => (Type: e.Metadata.FindOwnership()!.PrincipalEntityType, Key: e.Property(e.Metadata.FindOwnership()!.Properties[0].Name).CurrentValue))
            .Distinct().ToList();
        foreach (var (type, key) in owners)
        {
            var owner = ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == type && Equals(e.Property(type.FindPrimaryKey()!.Properties[0].Name).CurrentValue, key));
            if (owner is { State: EntityState.Unchanged }) owner.State = EntityState.Modified;
        }
    }

    // Pooled contexts are reused: the next lease must not inherit this request's trail.
    public override void Dispose()
    {
        Audit = null;
        Outbox = null;
        _feedWrite = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Audit = null;
        Outbox = null;
        _feedWrite = null;
        return base.DisposeAsync();
    }

    public IQueryable<TResult> SqlQuery<TResult>(FormattableString sql) => Database.SqlQuery<TResult>(sql);

    public IQueryable<TResult> SqlQueryOver<TResult>(IQueryable rows, Func<SqlSubquery, FormattableString> sql)
    {
        // The LINQ statement goes in as text and its parameters come along, copied (a parameter belongs to one command);
        // a FormattableString argument is a piece of SQL, composed in place; any other argument is bound as a parameter
        // of its own, named apart from EF Core's.
        using var inner = rows.CreateDbCommand();
        var parameters = inner.Parameters.Cast<NpgsqlParameter>().Select(p => (object)p.Clone()).ToList();
        string Compose(FormattableString piece) => string.Format(CultureInfo.InvariantCulture, piece.Format, piece.GetArguments().Select(argument =>
        {
            switch (argument)
            {
                case SqlSubquery: return inner.CommandText;
                case FormattableString nested: return Compose(nested);
                default:
                    var name = $"outer_{parameters.Count}";
                    parameters.Add(new NpgsqlParameter(name, argument ?? DBNull.Value));
                    return "@" + name;
            }
        }).ToArray<object?>());
        return Database.SqlQueryRaw<TResult>(Compose(sql(SqlSubquery.Rows)), [.. parameters]);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        UnitTaskLinkConfiguration.Configure(modelBuilder);
        modelBuilder.HasDbFunction(typeof(Sql).GetMethod(nameof(Sql.SearchKey))!).HasName(Schema.SearchKeyFunction);
        modelBuilder.HasDbFunction(typeof(Sql).GetMethod(nameof(Sql.TaskAssignees))!).HasName(Schema.TaskAssigneesFunction);

        // Timestamps are kept in one place: the emulation_touch trigger on every table (see Schema). EF reads them back.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            var builder = modelBuilder.Entity(entity.ClrType);
            builder.Property(nameof(Entity.Id)).ValueGeneratedNever();
            builder.Property(nameof(Entity.CreatedAt)).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
            builder.Property(nameof(Entity.UpdatedAt)).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
        }
    }
}

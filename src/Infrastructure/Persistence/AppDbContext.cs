using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IAppDbContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTask> Tasks => Set<PlanTask>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<Covenant> Covenants => Set<Covenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The request's audit trail, set when the context is handed to a use case (see DependencyInjection);
    /// every SaveChanges then records what it writes, in the same transaction.</summary>
    public AuditTrail? Audit { get; set; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TouchOwnersOfChangedParts();
        if (Audit is { } audit) AuditEntries.AddRange(AuditCollector.Collect(ChangeTracker, audit));
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TouchOwnersOfChangedParts();
        if (Audit is { } audit) AuditEntries.AddRange(AuditCollector.Collect(ChangeTracker, audit));
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// A change to an owned part kept in its own table (a task's assignees, a cluster's members) is a change of its
    /// owner: the owner's row is written too, so its version (ETag), updated_at and change feed move with it.
    /// </summary>
    private void TouchOwnersOfChangedParts()
    {
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
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Audit = null;
        return base.DisposeAsync();
    }

    public IQueryable<TResult> SqlQuery<TResult>(FormattableString sql) => Database.SqlQuery<TResult>(sql);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(Sql).GetMethod(nameof(Sql.SearchKey))!).HasName(Schema.SearchKeyFunction);

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

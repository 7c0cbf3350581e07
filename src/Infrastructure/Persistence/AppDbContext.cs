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
        if (Audit is { } audit) AuditEntries.AddRange(AuditCollector.Collect(ChangeTracker, audit));
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Audit is { } audit) AuditEntries.AddRange(AuditCollector.Collect(ChangeTracker, audit));
        return base.SaveChanges(acceptAllChangesOnSuccess);
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

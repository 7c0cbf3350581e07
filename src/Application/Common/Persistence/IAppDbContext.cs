using EmulationApi.Domain.Access;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Common.Persistence;

/// <summary>The database as the use cases see it. Implemented by Infrastructure's AppDbContext.</summary>
public interface IAppDbContext
{
    DbSet<Unit> Units { get; }
    DbSet<Plan> Plans { get; }
    DbSet<PlanTask> Tasks { get; }
    DbSet<ProgressReport> ProgressReports { get; }
    DbSet<Movement> Movements { get; }
    DbSet<Cluster> Clusters { get; }
    DbSet<Covenant> Covenants { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    /// <summary>A read-only query in SQL, for what LINQ cannot say (window functions); parameters are bound, never spliced.</summary>
    IQueryable<TResult> SqlQuery<TResult>(FormattableString sql);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}

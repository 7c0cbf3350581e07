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

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}

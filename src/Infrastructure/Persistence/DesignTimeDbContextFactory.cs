using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>Lets the migration scaffolder (tools/ef) build the model without a running app or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DependencyInjection.Configure(options, "Host=127.0.0.1;Database=design_time");
        return new AppDbContext(options.Options);
    }
}

// Usage: dotnet run --project tools/ef -- add <MigrationName>
// Writes the migration, its designer file and the updated model snapshot into src/Infrastructure/Persistence/Migrations.
using EmulationApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args is not ["add", var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/ef -- add <MigrationName>");
    return 2;
}

var root = FindRepositoryRoot();
var infrastructure = Path.Combine(root, "src", "Infrastructure");
var reporter = new OperationReporter(new OperationReportHandler(
    e => Console.Error.WriteLine(e), w => Console.Error.WriteLine(w), Console.WriteLine, Console.WriteLine));
var assembly = typeof(AppDbContext).Assembly;
using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
var services = new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(db);
var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, "EmulationApi.Infrastructure", "Persistence.Migrations", "C#");
var files = scaffolder.Save(infrastructure, migration, Path.Combine(infrastructure, "Persistence", "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}");
return 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "EmulationApi.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository.");
}

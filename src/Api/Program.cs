using EmulationApi.Api;
using EmulationApi.Api.Hosting;
using EmulationApi.Api.Security;
using EmulationApi.Application;
using EmulationApi.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddApi(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);

var app = builder.Build();

// `migrate` and `seed` are explicit steps the run command takes before serving; the API never does them on its own.
if (args.Contains("migrate") || args.Contains("seed"))
{
    if (args.Contains("migrate"))
    {
        await app.Services.MigrateDatabaseAsync();
        app.Logger.LogInformation("Database migrated");
    }
    if (args.Contains("seed")) await app.Services.SeedAsync(app.Logger);
    return;
}

if (args.Length > 0 && args[0] == "create-api-key")
{
    Environment.ExitCode = await ApiKeyCommand.RunAsync(app.Services, args[1..]);
    return;
}

if (app.Services.UseBootstrapKey(app.Configuration, app.Logger) is { } refusal)
{
    app.Logger.LogCritical("The API does not start: {Refusal}", refusal);
    await Console.Error.WriteLineAsync(refusal);
    Environment.ExitCode = 1;
    return;
}
app.UseApi();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Movements;
using EmulationApi.Application.Plans;
using EmulationApi.Application.Units;
using EmulationApi.Infrastructure.Import;
using EmulationApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmulationApi.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Emulation";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException($"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName}.");

        services.AddDbContextPool<AppDbContext>(options => Configure(options, WithRequestDefaults(connectionString)));
        services.AddScoped<IAppDbContext>(provider =>
        {
            var db = provider.GetRequiredService<AppDbContext>();
            db.Audit = provider.GetRequiredService<AuditTrail>();
            db.Clock = provider.GetRequiredService<TimeProvider>();
            db.Outbox = provider.GetRequiredService<Webhooks.WebhookOutbox>();
            return db;
        });
        services.AddScoped<Webhooks.WebhookOutbox>();
        services.AddScoped<Application.Common.Webhooks.IWebhookOutbox>(provider => provider.GetRequiredService<Webhooks.WebhookOutbox>());
        services.AddScoped<IUnitImportStore, UnitImportStore>();
        services.AddScoped<Application.Reminders.IReminderSlots, Reminders.ReminderSlots>();
        services.AddScoped<Application.Attachments.IAttachmentStore, AttachmentStore>();
        services.AddSingleton(provider => new ObligationDerivations(connectionString, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IObligationDerivations>(provider => provider.GetRequiredService<ObligationDerivations>());
        services.AddHostedService<ObligationDerivationWorker>();
        services.AddSingleton<IUnitRowReader, UnitRowReader>();
        services.AddSingleton(new Webhooks.WebhookTargetGuard(
            configuration.GetSection("Webhooks:AllowedHosts").GetChildren().Select(c => c.Value ?? "")));
        services.AddSingleton<Application.Webhooks.IWebhookTargets>(provider => provider.GetRequiredService<Webhooks.WebhookTargetGuard>());
        var delivery = Webhooks.WebhookDeliveryOptions.From(configuration.GetSection("Webhooks:Delivery"));
        services.AddSingleton(delivery);
        services.AddSingleton(_ => new Webhooks.WebhookDeliveryStore(connectionString));
        if (delivery.Enabled) services.AddHostedService<Webhooks.WebhookDeliveryWorker>();
        services.AddSingleton<IPlanTextParser, PlanTextParser>();
        services.AddSingleton<IMovementTextReader, MovementTextReader>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("postgresql", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The request path's connection settings, where the configuration leaves them at Npgsql's defaults. No reset on
    /// close: EF Core opens and closes the connection around each query, and every close put a <c>DISCARD ALL</c> in front
    /// of the next statement (a light read sent twice the statements it needed); nothing of ours outlives a transaction
    /// (temp tables are ON COMMIT DROP, advisory locks transaction-scoped), so there is no session state to reset.
    /// Automatic preparation: a statement run a few times on a connection is prepared there and then only bound and
    /// executed, not parsed and planned again.
    /// </summary>
    internal static string WithRequestDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }

    /// <summary>Statements prepared per connection (least recently used replaced): the API's distinct reads and writes in
    /// steady use are a few dozen.</summary>
    private const int MaxAutoPrepare = 64;

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>Applies pending migrations: the explicit step the run command performs before serving.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}

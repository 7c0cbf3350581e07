using System.Globalization;
using EmulationApi.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace EmulationApi.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel server (so body limits and streaming behave as in production) against a real PostgreSQL:
/// the private cluster of scripts/postgres.sh, or the server named by ConnectionStrings__Emulation. The suite gets its
/// own database (one per test run: the process id and a random suffix, so runs side by side — even of two machines
/// against one server — do not collide), created afresh, migrated once and dropped at the end; each test starts from
/// empty tables and the clock at <see cref="RunNow"/> (see <see cref="ApiTest"/>).
/// The server reads "now" from a clock the tests set (<see cref="Clock"/>), never from the machine's calendar.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly string DatabaseName = $"emulation_test_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// The instant the server's clock shows at the start of every test: EMULATION_TEST_NOW (an ISO date or date-time,
    /// UTC) when set, else 2026-12-01T03:00Z (10:00 in Bắc Ninh). A test whose outcome depends on the date pins its own
    /// instant (<see cref="PinClock"/>), so the suite passes whatever this is; running it with another value proves that.
    /// </summary>
    public static readonly DateTimeOffset RunNow = Environment.GetEnvironmentVariable("EMULATION_TEST_NOW") is { Length: > 0 } now
        ? DateTimeOffset.Parse(now.Length == 10 ? now + "T03:00:00Z" : now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
        : new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>The clock the server reads for "now" and "today"; tests move it with Advance or <see cref="PinClock"/>.</summary>
    public FakeTimeProvider Clock { get; private set; } = new(RunNow);

    /// <summary>Sets the server's clock to <paramref name="utc"/>, earlier or later than it shows now.</summary>
    public FakeTimeProvider PinClock(DateTimeOffset utc) => Clock = new FakeTimeProvider(utc);

    /// <summary>Pins the clock to 10:00 in Bắc Ninh (UTC+7) on <paramref name="today"/>, which is then the server's "today".</summary>
    public FakeTimeProvider PinToday(DateOnly today) => PinClock(new DateTimeOffset(today.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable($"ConnectionStrings__{DependencyInjection.ConnectionStringName}")
        ?? "Host=127.0.0.1;Port=55432;Database=emulation;Username=postgres") { Database = DatabaseName, Pooling = true }.ConnectionString;

    /// <summary>The admin key every test client sends unless a test says otherwise (the bootstrap key of the environment).</summary>
    public const string AdminKey = "emk_test-bootstrap-admin-key-0123456789abcdef";

    /// <summary>The identity provider the tests play: tokens signed with this key are trusted (see <see cref="Tokens"/>).</summary>
    public static readonly System.Security.Cryptography.RSA SigningKey = System.Security.Cryptography.RSA.Create(2048);
    public const string Issuer = "https://sso.bacninh.test";
    public const string Audience = "emulation-api";

    public ApiFactory() => UseKestrel(0);

    /// <summary>A client whose every answer is checked against the committed OpenAPI document.</summary>
    public HttpClient CreateContractClient() => CreateDefaultClient(ClientOptions.BaseAddress, new ContractCheckingHandler());

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        // The suite reads answers in English unless a test asks otherwise (Accept-Language) or runs a server of its own
        // with the production default (LanguageTests); the server's own default is Vietnamese.
        builder.UseSetting(Localization.LanguageSetup.DefaultLanguageKey, "en");
        builder.UseSetting("Auth:Jwt:Issuer", Issuer);
        builder.UseSetting("Auth:Jwt:Audience", Audience);
        builder.UseSetting("Auth:Jwt:SigningKeys:0", SigningKey.ExportSubjectPublicKeyInfoPem());
        // Generous limits: the suite is one busy client. RateLimitTests and AnonymousThrottleTests narrow them on a server of their own.
        builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:ImportPermitsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "1000000");
        builder.UseSetting("Cors:AllowedOrigins:0", "https://dichvucong.bacninh.test");
        // The reminders' scheduler stays off: a test that needs it runs a server of its own with it on (ReminderSchedulerTests).
        builder.UseSetting("Reminders:Enabled", "false");
        // No background deliveries in the shared server; the webhook delivery tests run workers of their own.
        builder.UseSetting("Webhooks:Delivery:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new SettableClock(this));
        });
    }

    /// <summary>
    /// What the server sees as its TimeProvider: the calendar (now, the local zone) of the test's <see cref="Clock"/>,
    /// but real timestamps and timers, so durations the host measures and timers it sets behave as in production.
    /// </summary>
    private sealed class SettableClock(ApiFactory factory) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => factory.Clock.GetUtcNow();
        public override TimeZoneInfo LocalTimeZone => factory.Clock.LocalTimeZone;
    }

    public async Task InitializeAsync()
    {
        await AdminAsync($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE {DatabaseName}");
        StartServer();
        await Services.MigrateDatabaseAsync();
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Empties every table but the migrations history.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DO $$ DECLARE tables text;
            BEGIN
              SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
                FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history';
              IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE'; END IF;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query against the test database, for assertions on what was (not) written.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Holds every write to <paramref name="table"/> (LOCK … IN SHARE MODE in an open transaction) until the gate is
    /// opened: requests sent meanwhile read freely but queue at their first write, so a burst is truly concurrent —
    /// every request has read the state before any of them commits — however slow the machine.
    /// </summary>
    public async Task<WriteGate> HoldWritesAsync(string table)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new WriteGate(this, connection, transaction);
    }

    public sealed class WriteGate(ApiFactory factory, NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        /// <summary>Waits until <paramref name="count"/> sessions of the test database wait on a lock (at most 60 s).</summary>
        public async Task WaitForWaitingWritersAsync(int count)
        {
            var waiting = 0L;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(50))
            {
                waiting = await factory.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
                if (waiting >= count) return;
            }
            Assert.Fail($"Only {waiting} of {count} requests reached their first write within 60 s.");
        }

        /// <summary>Lets the queued writes go.</summary>
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

/// <summary>Base of every integration test: a client on the shared server, empty tables and the clock at <see cref="ApiFactory.RunNow"/>.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;
    protected HttpClient Client { get; } = factory.CreateContractClient();

    /// <summary>
    /// The server's "today" for every test of a class whose dates are fixed in its data (a report dated 2026-11-30 is
    /// accepted only if today is later); null for classes that do not depend on the date, which run at
    /// <see cref="ApiFactory.RunNow"/>. A single test may still move the clock with <see cref="ApiFactory.PinClock"/>.
    /// </summary>
    protected virtual DateOnly? PinnedToday => null;

    public Task InitializeAsync()
    {
        if (PinnedToday is { } today) Factory.PinToday(today);
        else Factory.PinClock(ApiFactory.RunNow);
        return Factory.ResetAsync();
    }

    public Task DisposeAsync() { Client.Dispose(); return Task.CompletedTask; }
}

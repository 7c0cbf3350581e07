using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests;

public sealed class HealthTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Live_WhenServerRuns_Returns200Healthy()
    {
        var response = await Client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_WhenDatabaseReachable_Returns200Healthy()
    {
        var response = await Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The API pointed at a PostgreSQL that is not there (a loopback port where nothing listens: connection refused). Kept
/// out of the shared "api" collection: it has its own server and never migrates. Its clients send the bootstrap admin
/// key, which needs no database, and have their answers checked against the committed OpenAPI document.
/// </summary>
public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
{
    public const string Origin = "https://dichvucong.bacninh.test";

    public UnreachableDatabaseFactory() => UseKestrel(0);

    public HttpClient CreateContractClient()
    {
        StartServer();
        return CreateDefaultClient(ClientOptions.BaseAddress, new ContractCheckingHandler());
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Emulation", "Host=127.0.0.1;Port=1;Database=x;Username=postgres;Timeout=2");
        builder.UseSetting("Auth:BootstrapAdminKey", ApiFactory.AdminKey);
        builder.UseSetting(Localization.LanguageSetup.DefaultLanguageKey, "en");
        builder.UseSetting("RateLimiting:PermitsPerMinute", "1000000");
        builder.UseSetting("Cors:AllowedOrigins:0", Origin);
        builder.UseSetting("Logging:LogLevel:Default", "None");
    }
}

public sealed class HealthWithoutDatabaseTests(UnreachableDatabaseFactory factory) : IClassFixture<UnreachableDatabaseFactory>
{
    [Fact]
    public async Task Ready_WhenDatabaseUnreachable_Returns503Unhealthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_WhenDatabaseUnreachable_StillReturns200Healthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

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
/// The API pointed at a PostgreSQL that is not there. Kept out of the shared "api" collection: it has its own server
/// and never migrates.
/// </summary>
public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
{
    public UnreachableDatabaseFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Emulation", "Host=127.0.0.1;Port=1;Database=x;Username=postgres;Timeout=2");
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

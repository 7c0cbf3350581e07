using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>On a server of its own (same database) whose limits are small enough to reach.</summary>
public sealed class RateLimitTests(ApiFactory factory) : ApiTest(factory)
{
    private WebApplicationFactory<Program> Limited(int perMinute, int importPerMinute) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:PermitsPerMinute", perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("RateLimiting:ImportPermitsPerMinute", importPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    [Fact]
    public async Task Client_OverItsAllowance_Gets429WithRetryAfter_AndOtherClientsAreNotAffected()
    {
        await using var limited = Limited(3, 1);
        var portalKey = await Client.CreateKey("Reader");
        var otherKey = await Client.CreateKey("Reader");
        using var portal = limited.CreateClient();
        portal.DefaultRequestHeaders.Remove("X-Api-Key");
        portal.DefaultRequestHeaders.Add("X-Api-Key", portalKey);
        using var other = limited.CreateClient();
        other.DefaultRequestHeaders.Remove("X-Api-Key");
        other.DefaultRequestHeaders.Add("X-Api-Key", otherKey);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/api/v1/tasks")).StatusCode);
        var refused = await portal.GetAsync("/api/v1/tasks");

        var problem = await refused.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", (string?)problem["detail"]);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a delay in seconds.");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Import_HasAStricterAllowance()
    {
        await using var limited = Limited(100, 1);
        using var loader = limited.CreateClient();
        loader.DefaultRequestHeaders.Remove("X-Api-Key");
        loader.DefaultRequestHeaders.Add("X-Api-Key", await Client.CreateKey("Loader"));

        Assert.Equal(HttpStatusCode.OK, (await loader.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nSNV,Sở Nội vụ,Department\n"))).StatusCode);
        var refused = await loader.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nSTC,Sở Tài chính,Department\n"));

        await refused.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal(HttpStatusCode.OK, (await loader.GetAsync("/api/v1/units")).StatusCode);
    }
}

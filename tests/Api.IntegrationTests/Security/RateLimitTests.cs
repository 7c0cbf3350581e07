using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>On a server of its own (same database) whose limits are small enough to reach.</summary>
public sealed class RateLimitTests(ApiFactory factory) : ApiTest(factory)
{
    private WebApplicationFactory<Program> Limited(int perMinute, int importPerMinute, string? redis = null) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:PermitsPerMinute", perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("RateLimiting:ImportPermitsPerMinute", importPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (redis is not null) b.UseSetting("RateLimiting:Redis", redis);
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

    /// <summary>
    /// Redis configured but not answering (nothing listens on port 1): no request fails, and this instance counts the
    /// client's allowance on its own, as without Redis. scripts/multi-instance.sh shows the shared count with a real Redis.
    /// </summary>
    [Fact]
    public async Task Client_WhenRedisDoesNotAnswer_IsServedAndLimitedByThisInstance()
    {
        await using var limited = Limited(3, 1, redis: "127.0.0.1:1,connectTimeout=300");
        using var portal = limited.CreateClient();
        portal.DefaultRequestHeaders.Remove("X-Api-Key");
        portal.DefaultRequestHeaders.Add("X-Api-Key", await Client.CreateKey("Reader"));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/api/v1/tasks")).StatusCode);
        var refused = await portal.GetAsync("/api/v1/tasks");

        var problem = await refused.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", (string?)problem["detail"]);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a delay in seconds.");
    }

    [Theory]
    [InlineData("127.0.0.1:6379,nonsense=1")]
    [InlineData(",")]
    public void Redis_WhenNotARedisConfiguration_StopsTheStart(string value)
    {
        var server = Limited(3, 1, redis: value);
        var refused = Assert.Throws<InvalidOperationException>(() => server.CreateClient());
        Assert.Contains("RateLimiting:Redis", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Redis_WhenBlank_MeansBucketsInMemory(string? value) => Assert.Null(RateLimitBuckets.ParseRedis(value));

    [Fact]
    public void Redis_ReadsServerAndOptions()
    {
        var options = RateLimitBuckets.ParseRedis(" redis.bacninh.internal:6380,password=s3cret,ssl=true,connectTimeout=800,asyncTimeout=300 ");

        Assert.NotNull(options);
        var server = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("redis.bacninh.internal", 6380), (server.Host, server.Port));
        Assert.Equal("s3cret", options.Password);
        Assert.True(options.Ssl);
        // The two waits README → Deployment tells operators to lower.
        Assert.Equal((800, 300), (options.ConnectTimeout, options.AsyncTimeout));
    }
}

using System.Globalization;
using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>
/// Requests without valid credentials are throttled per client address, before any per-client limit, on a server of
/// its own (same database) with a small allowance. The tests' client connects from 127.0.0.1, the one proxy trusted by
/// default, so an X-Forwarded-For it sends stands for the client behind the proxy. (That server is an in-memory
/// TestServer, whose connections have no address; <see cref="FromLoopback"/> gives them Kestrel's 127.0.0.1.)
/// </summary>
public sealed class AnonymousThrottleTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/tasks";
    private const int Allowance = 3;

    private WebApplicationFactory<Program> Limited(params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:AnonymousPermitsPerMinute", Allowance.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromLoopback>());
        });

    /// <summary>Gives a connection without an address the loopback address, before the application's pipeline runs.</summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A client of <paramref name="server"/> that sends <paramref name="key"/> (or no key) and, if given, an X-Forwarded-For.</summary>
    private static HttpClient ClientOf(WebApplicationFactory<Program> server, string? key = null, string? forwardedFor = null)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static async Task UseTheAllowance(HttpClient client)
    {
        for (var i = 0; i < Allowance; i++) await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private static async Task ExpectThrottled(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("without valid credentials", (string?)problem["detail"]);
        Assert.Contains("try again", (string?)problem["detail"]);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a delay in seconds.");
    }

    [Fact]
    public async Task Requests_WithoutCredentials_OverTheAddressAllowance_Get429WithRetryAfter()
    {
        await using var server = Limited();
        using var anonymous = ClientOf(server);

        await UseTheAllowance(anonymous);

        await ExpectThrottled(await anonymous.GetAsync(Url));
        await ExpectThrottled(await anonymous.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nA,B,Other\n")));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }

    [Fact]
    public async Task Requests_WithRandomKeys_OverTheAddressAllowance_Get429InsteadOf401()
    {
        await using var server = Limited();

        for (var i = 0; i < Allowance; i++)
        {
            using var guesser = ClientOf(server, key: $"emk_{Guid.NewGuid():N}{Guid.NewGuid():N}");
            var problem = await (await guesser.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
            Assert.Contains("not valid", (string?)problem["detail"]);
        }
        using var next = ClientOf(server, key: $"emk_{Guid.NewGuid():N}{Guid.NewGuid():N}");

        await ExpectThrottled(await next.GetAsync(Url));
        using var anonymous = ClientOf(server);
        await ExpectThrottled(await anonymous.GetAsync(Url));
    }

    [Fact]
    public async Task ValidKey_FromAThrottledAddress_IsStillAnswered()
    {
        var key = await Client.CreateKey("Reader");
        await using var server = Limited();
        using var anonymous = ClientOf(server);
        using var portal = ClientOf(server, key);
        await UseTheAllowance(anonymous);
        await ExpectThrottled(await anonymous.GetAsync(Url));

        var page = await (await portal.GetAsync(Url)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(0, (int)page["totalCount"]!);
        for (var i = 0; i < 2 * Allowance; i++) Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync(Url)).StatusCode);
        await ExpectThrottled(await anonymous.GetAsync(Url));
    }

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_GivesEachClientItsOwnBucket()
    {
        await using var server = Limited();
        using var first = ClientOf(server, forwardedFor: "203.0.113.10");
        using var second = ClientOf(server, forwardedFor: "203.0.113.11");
        using var direct = ClientOf(server);
        await UseTheAllowance(first);
        await ExpectThrottled(await first.GetAsync(Url));

        await (await second.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await direct.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
        // A client cannot escape its bucket by prepending addresses: the proxy appends the one it saw, and only that one is read.
        using var forged = ClientOf(server, forwardedFor: "198.51.100.7, 203.0.113.10");
        await ExpectThrottled(await forged.GetAsync(Url));
    }

    [Fact]
    public async Task ForwardedFor_FromAnAddressNotConfiguredAsAProxy_IsIgnored()
    {
        // Only 192.0.2.1 is a proxy here, so the tests' 127.0.0.1 is an ordinary client whose X-Forwarded-For means nothing.
        await using var server = Limited(("ForwardedHeaders:KnownProxies:0", "192.0.2.1"));
        using var first = ClientOf(server, forwardedFor: "203.0.113.10");
        using var second = ClientOf(server, forwardedFor: "203.0.113.11");
        await UseTheAllowance(first);

        await ExpectThrottled(await second.GetAsync(Url));
        using var direct = ClientOf(server);
        await ExpectThrottled(await direct.GetAsync(Url));
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Security;

public sealed class HeaderTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/units")]
    [InlineData("/api/v1/units/00000000-0000-0000-0000-000000000000")]
    public async Task Responses_CarrySecurityHeaders(string url)
    {
        var response = await Client.GetAsync(url);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowed_AndFromAnyOtherIsNot()
    {
        using var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tasks");
        allowed.Headers.Add("Origin", "https://dichvucong.bacninh.test");
        allowed.Headers.Add("Access-Control-Request-Method", "GET");
        allowed.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        using var other = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tasks");
        other.Headers.Add("Origin", "https://evil.test");
        other.Headers.Add("Access-Control-Request-Method", "GET");

        var yes = await Client.SendAsync(allowed);
        var no = await Client.SendAsync(other);

        Assert.Equal("https://dichvucong.bacninh.test", yes.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(no.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Problems_NeverCarryStackTracesOrSql()
    {
        await Client.PostJson("/api/v1/units", new { code = "SNV", name = "Sở Nội vụ", kind = "Department" });

        var conflict = await (await Client.PostJson("/api/v1/units", new { code = "snv", name = "Trùng", kind = "Department" })).ExpectProblem(HttpStatusCode.Conflict);
        var text = conflict.ToJsonString();

        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("INSERT", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", text);
        Assert.DoesNotContain("23505", text);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace EmulationApi.Api.IntegrationTests.Security;

public sealed class AuthenticationTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/tasks";

    [Fact]
    public async Task Request_WithoutCredential_Is401ProblemWithChallenge()
    {
        using var anonymous = Factory.ClientWithKey(null);

        var response = await anonymous.GetAsync(Url);

        var problem = await response.ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", (string?)problem["detail"]);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Theory]
    [InlineData("emk_not-a-key-that-anyone-was-ever-given-000")]
    [InlineData("short")]
    public async Task Request_WithUnknownKey_Is401(string key)
    {
        using var client = Factory.ClientWithKey(key);

        var problem = await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);

        Assert.Contains("not valid", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Request_WithKeyAlteredAfterItsPrefix_Is401()
    {
        var key = await Client.CreateKey("Reader");
        using var good = Factory.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync(Url)).StatusCode);
        using var altered = Factory.ClientWithKey(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'));

        await (await altered.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_IsRefusedFromThenOn()
    {
        var created = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "Cổng dịch vụ công", role = "Reader" })).ExpectJson(HttpStatusCode.Created);
        using var portal = Factory.ClientWithKey((string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync(Url)).StatusCode);

        var revoked = await (await Client.PostAsync($"{AccessApi.KeysUrl}/{created["apiKey"]!["id"]}/revoke", null)).ExpectJson(HttpStatusCode.OK);

        Assert.False((bool)revoked["active"]!);
        Assert.NotNull(revoked["revokedAt"]);
        await (await portal.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredKey_IsRefused()
    {
        var issued = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        Factory.PinClock(issued);
        var created = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "Kịch bản cũ", role = "Reader", expiresAt = issued.AddDays(30) }))
            .ExpectJson(HttpStatusCode.Created);
        using var client = Factory.ClientWithKey((string)created["key"]!);
        Factory.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        await (await client.GetAsync(Url)).ExpectJson(HttpStatusCode.OK);

        Factory.Clock.Advance(TimeSpan.FromSeconds(1)); // the expiry itself: no longer usable

        await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
        var listed = await (await Client.GetAsync($"{AccessApi.KeysUrl}/{created["apiKey"]!["id"]}")).ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)listed["active"]!);
    }

    [Fact]
    public async Task ValidToken_IsAccepted()
    {
        using var client = Factory.ClientWithToken(AccessApi.Token(["reader"]));

        var response = await client.GetAsync(Url);

        await response.ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ExpiredToken_Is401SayingItExpired()
    {
        using var client = Factory.ClientWithToken(AccessApi.Token(["reader"], expires: DateTime.UtcNow.AddMinutes(-5)));

        var problem = await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);

        Assert.Contains("expired", (string?)problem["detail"]);
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_Is401()
    {
        using var other = System.Security.Cryptography.RSA.Create(2048);
        using var client = Factory.ClientWithToken(AccessApi.Token(["admin"], key: new RsaSecurityKey(other)));

        await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.test", ApiFactory.Audience)]
    [InlineData(ApiFactory.Issuer, "another-api")]
    public async Task TokenForAnotherIssuerOrAudience_Is401(string issuer, string audience)
    {
        using var client = Factory.ClientWithToken(AccessApi.Token(["admin"], issuer: issuer, audience: audience));

        await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MalformedToken_Is401()
    {
        using var client = Factory.ClientWithToken("not.a.token");

        await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenWithoutAKnownRole_Is403()
    {
        using var client = Factory.ClientWithToken(AccessApi.Token(["viewer"]));

        await (await client.GetAsync(Url)).ExpectProblem(HttpStatusCode.Forbidden);
    }
}

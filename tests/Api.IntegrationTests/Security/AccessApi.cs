using System.Net;
using System.Security.Claims;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>Keys, tokens and clients for the access-control tests, arranged through the API itself.</summary>
public static class AccessApi
{
    public const string KeysUrl = "/api/v1/api-keys";

    /// <summary>Issues a key with the admin client and returns the key in clear.</summary>
    public static async Task<string> CreateKey(this HttpClient admin, string role, string? unitCode = null, string? name = null, DateTimeOffset? expiresAt = null)
    {
        var response = await admin.PostJson(KeysUrl, new { name = name ?? $"{role} client {Guid.NewGuid():N}", role, unitCode, expiresAt });
        var body = await response.ExpectJson(HttpStatusCode.Created);
        return (string)body["key"]!;
    }

    /// <summary>A client that sends <paramref name="key"/> (or nothing) instead of the suite's admin key.</summary>
    public static HttpClient ClientWithKey(this ApiFactory factory, string? key)
    {
        var client = factory.CreateContractClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static HttpClient ClientWithToken(this ApiFactory factory, string token)
    {
        var client = factory.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A token as the province's identity provider would sign it.</summary>
    public static string Token(string[] roles, string? unitCode = null, DateTime? expires = null, string issuer = ApiFactory.Issuer,
        string audience = ApiFactory.Audience, SecurityKey? key = null, string user = "nguyen.van.a")
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()), new("preferred_username", user) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (unitCode is not null) claims.Add(new Claim("unit_code", unitCode));
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.AddMinutes(-30),
            IssuedAt = expiry.AddMinutes(-30),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? new RsaSecurityKey(ApiFactory.SigningKey), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The server's "today" for tests that report progress with <see cref="Report"/> (a report may not be dated later).</summary>
    public static readonly DateOnly Today = new(2026, 12, 1);

    /// <summary>An issued plan of 2026 with one task: <paramref name="lead"/> leads it, optionally with a group as coordinator.</summary>
    public static async Task<string> IssuedTask(this HttpClient admin, string lead, string? coordinatorGroup = null)
    {
        const int year = 2026;
        var plan = await (await admin.PostJson("/api/v1/plans", new { year, title = $"Kế hoạch thử {Guid.NewGuid():N}" })).ExpectJson(HttpStatusCode.Created);
        var coordinators = coordinatorGroup is null ? Array.Empty<object>() : [new { group = coordinatorGroup }];
        var task = await (await admin.PostJson($"/api/v1/plans/{plan["id"]}/tasks", new
        {
            group = "Recurring", sequence = 1, content = "Tổ chức phong trào thi đua",
            timing = new { kind = "Recurring" }, leads = new[] { new { unitCode = lead } }, coordinators,
        })).ExpectJson(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/plans/{plan["id"]}/issue", new { number = "Số 1/KH-UBND", issueDate = $"{year}-01-05" })).ExpectJson(HttpStatusCode.OK);
        return (string)task["id"]!;
    }

    public static object Report(string unitCode) => new
    {
        reportedOn = Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        reportingUnitCode = unitCode,
        status = "InProgress",
        text = "Đã triển khai",
    };

    public static async Task SeedUnits(this HttpClient admin)
    {
        await admin.CreateUnit("SNV", "Sở Nội vụ");
        await admin.CreateUnit("STC", "Sở Tài chính");
        await admin.CreateUnit("XA-TIENDU", "Xã Tiên Du", "Commune");
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Security;

public sealed class ApiKeyTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateApiKey_ShowsTheKeyOnceAndStoresOnlyAHash()
    {
        var response = await Client.PostJson(AccessApi.KeysUrl, new { name = "Cổng dịch vụ công", role = "Reader" });

        var body = await response.ExpectJson(HttpStatusCode.Created);
        var key = (string)body["key"]!;
        var id = (string)body["apiKey"]!["id"]!;
        Assert.StartsWith("emk_", key);
        Assert.True(key.Length >= 40);
        Assert.Equal($"/api/v1/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(key[..12], (string?)body["apiKey"]!["prefix"]);
        Assert.Equal("Reader", (string?)body["apiKey"]!["role"]);
        Assert.True((bool)body["apiKey"]!["active"]!);

        var read = await (await Client.GetAsync($"{AccessApi.KeysUrl}/{id}")).ExpectJson(HttpStatusCode.OK);
        Assert.Null(read["key"]);
        Assert.DoesNotContain(key, read.ToJsonString());
        Assert.Equal(0L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM api_keys WHERE encode(hash, 'escape') LIKE '%{key[12..]}%' OR name LIKE '%{key}%'"));
        Assert.Equal(32L, await Factory.ScalarAsync<long>($"SELECT length(hash)::bigint FROM api_keys WHERE id = '{id}'"));
    }

    [Fact]
    public async Task ListApiKeys_FiltersByRoleAndActivity()
    {
        await Client.SeedUnits();
        await Client.CreateKey("Reader", name: "portal");
        await Client.CreateKey("Unit", "SNV", name: "snv");
        var revoked = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "old", role = "Reader" })).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostAsync($"{AccessApi.KeysUrl}/{revoked["apiKey"]!["id"]}/revoke", null)).ExpectJson(HttpStatusCode.OK);

        var readers = await (await Client.GetAsync($"{AccessApi.KeysUrl}?role=Reader&active=true")).ExpectJson(HttpStatusCode.OK);
        var inactive = await (await Client.GetAsync($"{AccessApi.KeysUrl}?active=false")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["portal"], readers["items"]!.AsArray().Select(k => (string?)k!["name"]));
        Assert.Equal(["old"], inactive["items"]!.AsArray().Select(k => (string?)k!["name"]));
        var all = await (await Client.GetAsync(AccessApi.KeysUrl)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, (int)all["totalCount"]!);
        Assert.Equal("SNV", (string?)all["items"]!.AsArray().Single(k => (string?)k!["name"] == "snv")!["unitCode"]);
    }

    [Fact]
    public async Task RevokeApiKey_Twice_Is409()
    {
        var created = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "x", role = "Reader" })).ExpectJson(HttpStatusCode.Created);
        var url = $"{AccessApi.KeysUrl}/{created["apiKey"]!["id"]}/revoke";
        await (await Client.PostAsync(url, null)).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.PostAsync(url, null)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("already revoked", (string?)problem["detail"]);
    }

    [Fact]
    public async Task RevokeApiKey_Unknown_Is404()
    {
        await (await Client.PostAsync($"{AccessApi.KeysUrl}/{Guid.NewGuid()}/revoke", null)).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"role":"Reader"}""", "name")]
    [InlineData("""{"name":"x"}""", "role")]
    [InlineData("""{"name":"x","role":"Unit"}""", "unitCode")]
    [InlineData("""{"name":"x","role":"Reader","unitCode":"SNV"}""", "unitCode")]
    [InlineData("""{"name":"x","role":"Unit","unitCode":"NO-SUCH-UNIT"}""", "unitCode")]
    [InlineData("""{"name":"x","role":"Reader","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task CreateApiKey_WithBadInput_Is400NamingTheFieldAndWritesNothing(string json, string field)
    {
        await Client.SeedUnits();
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var problem = await (await Client.PostAsync(AccessApi.KeysUrl, TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM api_keys"));
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task CreateApiKey_WithUnknownRole_Is400ListingTheRoles()
    {
        var problem = await (await Client.PostAsync(AccessApi.KeysUrl, TestHttp.Json("""{"name":"x","role":"Superuser"}"""))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("Loader", problem.ToJsonString());
    }
}

public sealed class ApiKeyCommandTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateApiKeyCommand_PrintsAWorkingKey_AndRefusesBadArguments()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int ok, bad;
        try
        {
            ok = await Api.Security.ApiKeyCommand.RunAsync(Factory.Services, ["--name", "kịch bản đêm", "--role", "reader"]);
            bad = await Api.Security.ApiKeyCommand.RunAsync(Factory.Services, ["--name", "x", "--role", "superuser"]);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, ok);
        Assert.Equal(2, bad);
        var key = output.ToString().Trim();
        Assert.StartsWith("emk_", key);
        using var client = Factory.ClientWithKey(key);
        await (await client.GetAsync("/api/v1/tasks")).ExpectJson(System.Net.HttpStatusCode.OK);
        await (await client.PostJson("/api/v1/plans", new { year = 2026, title = "x" })).ExpectProblem(System.Net.HttpStatusCode.Forbidden);
        Assert.Equal("system", await Factory.ScalarAsync<string>("SELECT client FROM audit_entries WHERE entity = 'ApiKey'"));
    }
}

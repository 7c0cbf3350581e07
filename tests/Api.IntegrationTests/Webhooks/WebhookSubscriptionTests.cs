using System.Net;
using System.Net.Http.Headers;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Security;
using Microsoft.AspNetCore.Hosting;

namespace EmulationApi.Api.IntegrationTests.Webhooks;

public sealed class WebhookSubscriptionTests(ApiFactory factory) : ApiTest(factory)
{
    public const string Url = "/api/v1/webhook-subscriptions";
    private const string PublicTarget = "https://93.184.216.34/hooks/emulation";

    private static object Body(string url = PublicTarget, string[]? eventTypes = null, string? unitCode = null, Guid? planId = null) =>
        new { url, eventTypes = eventTypes ?? ["task.changed", "plan.issued"], unitCode, planId, description = "Cổng dịch vụ công tỉnh" };

    private static object UpdateBody(bool active, string[] eventTypes, string? unitCode = null) =>
        new { url = PublicTarget, eventTypes, unitCode, description = "Cổng dịch vụ công tỉnh", active };

    [Fact]
    public async Task CreateWebhookSubscription_ShowsTheSecretOnceAndNeverAgain()
    {
        var response = await Client.PostJson(Url, Body());

        var body = await response.ExpectJson(HttpStatusCode.Created);
        var secret = (string)body["secret"]!;
        var id = (string)body["subscription"]!["id"]!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal($"{Url}/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(PublicTarget, (string?)body["subscription"]!["url"]);
        Assert.Equal(["plan.issued", "task.changed"], body["subscription"]!["eventTypes"]!.AsArray().Select(t => (string?)t));
        Assert.True((bool)body["subscription"]!["active"]!);
        Assert.Equal("Cổng dịch vụ công tỉnh", (string?)body["subscription"]!["description"]);

        var read = await (await Client.GetAsync($"{Url}/{id}")).ExpectJson(HttpStatusCode.OK);
        var list = await (await Client.GetAsync(Url)).ExpectJson(HttpStatusCode.OK);
        Assert.Null(read["secret"]);
        Assert.DoesNotContain(secret, read.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.ToJsonString(), StringComparison.Ordinal);
        // Kept to sign deliveries, but never copied into the audit trail.
        Assert.Equal(secret, await Factory.ScalarAsync<string>($"SELECT secret FROM webhook_subscriptions WHERE id = '{id}'"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE changes::text LIKE '%{secret[6..20]}%'"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity = 'WebhookSubscription' AND entity_id = '{id}'"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.20.30.40/hook")]
    [InlineData("http://172.16.5.5/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:192.168.1.1]/hook")]
    [InlineData("http://[64:ff9b::a00:1]/hook")]
    [InlineData("http://2130706433/hook")]
    public async Task CreateWebhookSubscription_ToALoopbackOrPrivateAddress_Is400OnUrl(string target)
    {
        var problem = await (await Client.PostJson(Url, Body(target))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("Webhooks:AllowedHosts", (string?)problem["errors"]!["url"]![0], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions"));
    }

    [Fact]
    public async Task CreateWebhookSubscription_ToANameThatDoesNotResolve_Is400OnUrl()
    {
        var problem = await (await Client.PostJson(Url, Body("https://no-such-host.invalid/hook"))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("cannot be resolved", (string?)problem["errors"]!["url"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWebhookSubscription_ToAListedInternalHost_IsAccepted()
    {
        await using var server = Factory.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1"));
        using var client = server.CreateClient();

        var body = await (await client.PostJson(Url, Body("http://127.0.0.1:9000/hook", ["*"]))).ExpectJson(HttpStatusCode.Created);
        var refused = await client.PostJson(Url, Body("http://10.0.0.1/hook"));

        Assert.Equal("http://127.0.0.1:9000/hook", (string?)body["subscription"]!["url"]);
        Assert.Equal(["*"], body["subscription"]!["eventTypes"]!.AsArray().Select(t => (string?)t));
        await refused.ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("ftp://93.184.216.34/hook", null, "url")]
    [InlineData("https://user:pass@93.184.216.34/hook", null, "url")]
    [InlineData("/relative/hook", null, "url")]
    [InlineData(PublicTarget, "task.deleted", "eventTypes[0]")]
    [InlineData(PublicTarget, "", "eventTypes")]
    [InlineData(PublicTarget, "*,task.changed", "eventTypes")]
    public async Task CreateWebhookSubscription_WithBadFields_Is400KeyedByField(string target, string? types, string field)
    {
        string[] eventTypes = types switch { null => ["task.changed"], "" => [], _ => types.Split(',') };

        var problem = await (await Client.PostJson(Url, Body(target, eventTypes))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task CreateWebhookSubscription_WithANullEventTypeOrUnknownFilters_Is400()
    {
        var nullType = await (await Client.PostAsync(Url, TestHttp.Json($$"""{"url":"{{PublicTarget}}","eventTypes":["plan.issued",null]}"""))).ExpectProblem(HttpStatusCode.BadRequest);
        var unknownUnit = await (await Client.PostJson(Url, Body(unitCode: "NO-SUCH-UNIT"))).ExpectProblem(HttpStatusCode.BadRequest);
        var unknownPlan = await (await Client.PostJson(Url, Body(planId: Guid.NewGuid()))).ExpectProblem(HttpStatusCode.BadRequest);

        var missing = await (await Client.PostAsync(Url, TestHttp.Json($$"""{"url":"{{PublicTarget}}"}"""))).ExpectProblem(HttpStatusCode.BadRequest);
        var nullList = await (await Client.PostAsync(Url, TestHttp.Json($$"""{"url":"{{PublicTarget}}","eventTypes":null}"""))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["eventTypes"]);
        Assert.NotNull(nullList["errors"]!["eventTypes"]);
        Assert.NotNull(nullType["errors"]!["eventTypes[1]"]);
        Assert.Contains("NO-SUCH-UNIT", (string?)unknownUnit["errors"]!["unitCode"]![0], StringComparison.Ordinal);
        Assert.NotNull(unknownPlan["errors"]!["planId"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions"));
    }

    [Fact]
    public async Task UpdateWebhookSubscription_PausesAndRefilters_AndAStaleIfMatchIs412()
    {
        await Client.SeedUnits();
        var created = await Client.PostJson(Url, Body());
        var id = (string)(await created.ExpectJson(HttpStatusCode.Created))["subscription"]!["id"]!;
        var etag = created.Headers.ETag!;

        var updated = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}")
        {
            Content = TestHttp.Json(System.Text.Json.JsonSerializer.Serialize(UpdateBody(false, ["obligation.reminder"], "snv"), TestHttp.JsonOptions)),
            Headers = { IfMatch = { etag } },
        });
        var stale = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}")
        {
            Content = TestHttp.Json(System.Text.Json.JsonSerializer.Serialize(UpdateBody(true, ["task.changed"]), TestHttp.JsonOptions)),
            Headers = { IfMatch = { etag } },
        });

        var body = await updated.ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)body["active"]!);
        Assert.Equal("SNV", (string?)body["unitCode"]);
        Assert.Equal(["obligation.reminder"], body["eventTypes"]!.AsArray().Select(t => (string?)t));
        Assert.NotEqual(etag, updated.Headers.ETag);
        await stale.ExpectProblem(HttpStatusCode.PreconditionFailed);

        var paused = await (await Client.GetAsync($"{Url}?active=false")).ExpectJson(HttpStatusCode.OK);
        var reminders = await (await Client.GetAsync($"{Url}?eventType=obligation.reminder")).ExpectJson(HttpStatusCode.OK);
        var tasks = await (await Client.GetAsync($"{Url}?eventType=task.changed")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(1, (int)paused["totalCount"]!);
        Assert.Equal(1, (int)reminders["totalCount"]!);
        Assert.Equal(0, (int)tasks["totalCount"]!);
        await (await Client.GetAsync($"{Url}?eventType=nope")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListWebhookSubscriptions_ByEventType_IncludesSubscriptionsToEverything()
    {
        await (await Client.PostJson(Url, Body(eventTypes: ["*"]))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostJson(Url, Body(eventTypes: ["dossier.step"]))).ExpectJson(HttpStatusCode.Created);

        var list = await (await Client.GetAsync($"{Url}?eventType=movement.step")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal([["*"]], list["items"]!.AsArray().Select(i => i!["eventTypes"]!.AsArray().Select(t => (string?)t).ToArray()));
    }

    [Fact]
    public async Task RotateWebhookSecret_IssuesANewSecret_AndDeleteEndsTheSubscription()
    {
        var created = await (await Client.PostJson(Url, Body())).ExpectJson(HttpStatusCode.Created);
        var id = (string)created["subscription"]!["id"]!;

        var rotated = await Client.PostAsync($"{Url}/{id}/rotate-secret", null);
        var body = await rotated.ExpectJson(HttpStatusCode.OK);

        Assert.StartsWith("whsec_", (string?)body["secret"]);
        Assert.NotEqual((string?)created["secret"], (string?)body["secret"]);
        Assert.Equal((string?)body["secret"], await Factory.ScalarAsync<string>($"SELECT secret FROM webhook_subscriptions WHERE id = '{id}'"));

        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}") { Headers = { IfMatch = { new EntityTagHeaderValue("\"1\"") } } };
        await (await Client.SendAsync(staleDelete)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Url}/{id}")).StatusCode);
        await (await Client.GetAsync($"{Url}/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.PostAsync($"{Url}/{id}/rotate-secret", null)).ExpectProblem(HttpStatusCode.NotFound);
    }
}

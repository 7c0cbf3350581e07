using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace EmulationApi.Api.IntegrationTests.Webhooks;

/// <summary>
/// The delivery worker against a real receiver (<see cref="WebhookReceiver"/>): each test runs one or two API hosts of
/// its own with the worker on (the shared server keeps it off), over the suite's database. The server's clock is set
/// to the real time (receivers check the signed timestamp against theirs) and moved forward to make retries due.
/// </summary>
public sealed class WebhookDeliveryTests(ApiFactory factory) : ApiTest(factory)
{
    private WebApplicationFactory<Program> Worker(bool allowLoopback = true, params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:Delivery:Enabled", "true");
            if (allowLoopback) b.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
            b.UseSetting("Webhooks:Delivery:PollInterval", "00:00:00.050");
            b.UseSetting("Webhooks:Delivery:BurstDelay", "00:00:00.020");
            b.UseSetting("Webhooks:Delivery:FirstBackoff", "00:00:10");
            b.UseSetting("Webhooks:Delivery:Lease", "00:00:30");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static HttpClient ClientOf(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        if (!client.DefaultRequestHeaders.Contains("X-Api-Key")) client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
        return client;
    }

    /// <summary>Subscribes the receiver (through a host that allows 127.0.0.1) and returns the subscription's id and secret.</summary>
    private async Task<(string Id, string Secret)> SubscribeAsync(WebhookReceiver receiver, string[]? eventTypes = null)
    {
        await using var host = Worker(settings: ("Webhooks:Delivery:Enabled", "false"));
        using var client = ClientOf(host);
        var body = await (await client.PostJson(WebhookSubscriptionTests.Url, new { url = receiver.Url, eventTypes = eventTypes ?? ["*"] }))
            .ExpectJson(HttpStatusCode.Created);
        return ((string)body["subscription"]!["id"]!, (string)body["secret"]!);
    }

    /// <summary>Writes events the way a use case does: through the outbox, saved in one SaveChanges.</summary>
    private async Task EmitAsync(params (string Subject, int N)[] events)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
        foreach (var (subject, n) in events)
            outbox.Add(new WebhookEventDraft("task.changed", subject, null, ["X-TIENDU"], new { subject, n, name = "Phong trào thi đua" }));
        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync(CancellationToken.None);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (await condition()) return;
        Assert.Fail($"Not within 30 s: {what}.");
    }

    private Task<long> Count(string where) => Factory.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE {where}");

    private static (string Subject, int N) Of(WebhookReceiver.Received r) => Of(r.Body);

    private static (string Subject, int N) Of(string body)
    {
        var data = JsonNode.Parse(body)!["data"]!;
        return ((string)data["subject"]!, (int)data["n"]!);
    }

    private DateTimeOffset RealNow()
    {
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % 10));  // what PostgreSQL keeps: microseconds
        Factory.PinClock(now);
        return now;
    }

    [Fact]
    public async Task Deliver_SignsTheRequestSoTheStandardWebhooksLibraryVerifiesIt()
    {
        var now = RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, secret) = await SubscribeAsync(receiver);
        await using var worker = Worker();
        ClientOf(worker).Dispose();

        await EmitAsync(("task/1", 1));
        await Until(async () => await Count("state = 'Delivered'") == 1, "the delivery is marked delivered");

        var received = Assert.Single(receiver.Requests);
        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(received.Body.Replace("task/1", "task/2", StringComparison.Ordinal), received.Headers));
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("task.changed", (string?)body["type"]);
        Assert.Equal(now, DateTimeOffset.Parse((string)body["timestamp"]!, CultureInfo.InvariantCulture));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"subject":"task/1","n":1,"name":"Phong trào thi đua"}"""), body["data"]), body.ToJsonString());
        Assert.Equal(await Factory.ScalarAsync<Guid>($"SELECT id FROM webhook_deliveries WHERE subscription_id = '{subscription}'"), Guid.Parse(received.Id));
        Assert.Equal(now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), received.Headers["webhook-timestamp"].ToString());
        Assert.Equal("1|200", await Factory.ScalarAsync<string>("SELECT concat_ws('|', d.attempts, a.status_code, a.error) FROM webhook_deliveries d JOIN webhook_delivery_attempts a ON a.delivery_id = d.id"));
    }

    [Fact]
    public async Task Deliver_WhenTheReceiverFailsTwiceThenAnswers_RetriesWithTheSameIdAndDelivers()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, before) => before < 2 ? 500 : 200;
        await SubscribeAsync(receiver);
        await using var worker = Worker();
        ClientOf(worker).Dispose();

        await EmitAsync(("task/1", 1));
        await Until(async () => await Count("state = 'Delivered'") == 1, "the delivery is marked delivered");

        Assert.Equal([500, 500, 200], receiver.Requests.Select(r => r.Answered));
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        Assert.Equal("3|200", await Factory.ScalarAsync<string>("SELECT concat_ws('|', attempts, last_status) FROM webhook_deliveries"));
        Assert.Equal("500,500,200", await Factory.ScalarAsync<string>("SELECT string_agg(status_code::text, ',' ORDER BY id) FROM webhook_delivery_attempts"));
    }

    [Fact]
    public async Task Deliver_WhenASubjectsDeliveryFails_ItsLaterEventsWaitAndOtherSubjectsGoOn()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        var failedOnce = 0;
        receiver.Answer = (body, _) => Of(body) == ("task/a", 0) && Interlocked.Exchange(ref failedOnce, 1) == 0 ? 500 : 200;
        await SubscribeAsync(receiver);

        await EmitAsync([.. Enumerable.Range(0, 5).SelectMany(n => new[] { ("task/a", n), ("task/b", n) })]);
        await EmitAsync(("task/a", 5), ("task/b", 5));
        await using var worker = Worker(settings: ("Webhooks:Delivery:BurstRetries", "0"));
        ClientOf(worker).Dispose();
        await Until(async () => await Count("state = 'Delivered' AND subject = 'task/b'") == 6, "task/b's six events are delivered");
        await Task.Delay(300);

        Assert.Equal([("task/a", 0)], receiver.Requests.Select(Of).Where(r => r.Subject == "task/a"));
        Assert.Equal(6L, await Count("state = 'Pending' AND subject = 'task/a'"));
        Factory.Clock.Advance(TimeSpan.FromSeconds(13));
        await Until(async () => await Count("state = 'Delivered'") == 12, "task/a's events are delivered once its first is");
        Assert.Equal([0, 0, 1, 2, 3, 4, 5], receiver.Requests.Select(Of).Where(r => r.Subject == "task/a").Select(r => r.N));
        Assert.Equal([0, 1, 2, 3, 4, 5], receiver.Requests.Select(Of).Where(r => r.Subject == "task/b").Select(r => r.N));
    }

    [Fact]
    public async Task Deliver_WhenTheReceiverKeepsFailing_WaitsWithBackoffThenGivesUpAtTheGiveUpTime()
    {
        var now = RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 503;
        await SubscribeAsync(receiver);
        await using var worker = Worker(settings: [("Webhooks:Delivery:BurstRetries", "1"), ("Webhooks:Delivery:GiveUpAfter", "00:01:00")]);
        ClientOf(worker).Dispose();

        await EmitAsync(("task/1", 1));
        await Until(async () => await Count("state = 'Pending' AND attempts = 2") == 1, "the first burst fails");
        var next = await Factory.ScalarAsync<DateTime>("SELECT next_attempt_at FROM webhook_deliveries");
        Assert.InRange(next, now.UtcDateTime.AddSeconds(8), now.UtcDateTime.AddSeconds(12));   // FirstBackoff 10 s ± 20 %

        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await Until(async () => await Count("state = 'Failed'") == 1, "the delivery is given up");

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal("4|503|HTTP 503 Service Unavailable|t", await Factory.ScalarAsync<string>(
            "SELECT concat_ws('|', attempts, last_status, last_error, finished_at IS NOT NULL) FROM webhook_deliveries"));
    }

    [Fact]
    public async Task Deliver_WhenTheReceiverAnswers410_FailsAndPausesTheSubscription()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 410;
        var (subscription, _) = await SubscribeAsync(receiver);
        await using var worker = Worker();
        ClientOf(worker).Dispose();

        await EmitAsync(("task/1", 1), ("task/2", 1));
        await Until(async () => await Count("state = 'Failed'") >= 1, "the delivery fails");

        Assert.False(await Factory.ScalarAsync<bool>($"SELECT active FROM webhook_subscriptions WHERE id = '{subscription}'"));
        var read = await (await Client.GetAsync($"{WebhookSubscriptionTests.Url}/{subscription}")).ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)read["active"]!);
    }

    [Fact]
    public async Task Deliver_ToATargetTheGuardNowRefuses_SendsNothingAndLogsWhy()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver);
        await using var worker = Worker(allowLoopback: false);
        ClientOf(worker).Dispose();

        await EmitAsync(("task/1", 1));
        await Until(async () => await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_delivery_attempts") == 1, "the attempt is logged");

        Assert.Equal(0, receiver.Arrivals);
        Assert.StartsWith("Refused by the forgery guard: '127.0.0.1' is 127.0.0.1", await Factory.ScalarAsync<string>("SELECT error FROM webhook_delivery_attempts"), StringComparison.Ordinal);
        Assert.Equal(1L, await Count("state = 'Pending'"));
    }

    [Fact]
    public async Task Deliver_ByTwoInstancesOverOneDatabase_SendsEachDeliveryOnce()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(20);
        await SubscribeAsync(receiver);
        await EmitAsync([.. Enumerable.Range(0, 60).Select(n => ($"task/{n}", n))]);

        await using var first = Worker(settings: ("Webhooks:Delivery:BatchSize", "3"));
        await using var second = Worker(settings: ("Webhooks:Delivery:BatchSize", "3"));
        ClientOf(first).Dispose();
        ClientOf(second).Dispose();
        await Until(async () => await Count("state = 'Delivered'") == 60, "all 60 are delivered");

        Assert.Equal(60, receiver.Requests.Count);
        Assert.Equal(60, receiver.Requests.Select(r => r.Id).Distinct().Count());
        Assert.Equal(60L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_delivery_attempts"));
    }

    [Fact]
    public async Task Deliver_WhenTheInstanceStopsMidSend_AnotherDeliversItAfterTheLease()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hold = _ => true;
        await SubscribeAsync(receiver);
        // Committed while no worker runs.
        await EmitAsync(("task/1", 1));
        Assert.Equal(1L, await Count("state = 'Pending'"));

        var stopped = Worker();
        ClientOf(stopped).Dispose();
        await Until(() => Task.FromResult(receiver.Arrivals == 1), "the first instance sends");
        await stopped.DisposeAsync();   // killed between commit and delivery: no answer was recorded
        receiver.Hold = _ => false;
        Assert.Equal("Pending|0", await Factory.ScalarAsync<string>("SELECT concat_ws('|', state, attempts) FROM webhook_deliveries"));

        await using var other = Worker();
        ClientOf(other).Dispose();
        await Task.Delay(300);
        Assert.Equal(1, receiver.Arrivals);                             // the lease still holds it
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await Until(async () => await Count("state = 'Delivered'") == 1, "the second instance delivers it");

        var delivered = Assert.Single(receiver.Requests);
        Assert.Equal(await Factory.ScalarAsync<Guid>("SELECT id FROM webhook_deliveries"), Guid.Parse(delivered.Id));
    }

    [Fact]
    public async Task Deliver_WhenALeaseRunsOutWhileItsBatchWaits_TheOtherInstanceSendsThoseAndTheFirstSkipsThem()
    {
        RealNow();
        await using var receiver = await WebhookReceiver.StartAsync();
        var heldOnce = 0;
        receiver.Hold = body => Of(body).Subject == "task/0" && Interlocked.Exchange(ref heldOnce, 1) == 0;
        await SubscribeAsync(receiver);
        await EmitAsync(("task/0", 0), ("task/1", 1), ("task/2", 2));

        // The first instance claims all three and sends one at a time: task/0's answer is held, the other two wait.
        await using var first = Worker(settings: [("Webhooks:Delivery:BatchSize", "3"), ("Webhooks:Delivery:Concurrency", "1")]);
        ClientOf(first).Dispose();
        await Until(() => Task.FromResult(receiver.Arrivals == 1), "the first instance sends task/0");
        // Its lease runs out; the second instance takes all three (task/0 again: its first request is still unanswered).
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await using var second = Worker(settings: ("Webhooks:Delivery:BatchSize", "3"));
        ClientOf(second).Dispose();
        await Until(async () => await Count("state = 'Delivered'") == 3, "the second instance delivers the three");
        receiver.Release.SetResult();
        await Task.Delay(500);

        // The first instance's waiting deliveries were someone else's by their turn: not sent again, not recorded again.
        var subjects = receiver.Requests.Select(Of).Select(r => r.Subject).Order().ToList();
        Assert.Equal(["task/0", "task/0", "task/1", "task/2"], subjects);
        Assert.Equal(3L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_delivery_attempts"));
        Assert.Equal(3L, await Count("state = 'Delivered' AND attempts = 1"));
    }
}

/// <summary>The delivery log an administrator reads, and replay.</summary>
public sealed class WebhookDeliveryLogTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ReplayWebhookDelivery_OfADeliveredOne_SendsItAgainWithTheSameIdAndALoggedAttempt()
    {
        Factory.PinClock(new StoredPrecisionClock().GetUtcNow());   // now, at the production clock's precision
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var worker = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:Delivery:Enabled", "true");
            b.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
            b.UseSetting("Webhooks:Delivery:PollInterval", "00:00:00.050");
        });
        using var admin = worker.CreateClient();
        if (!admin.DefaultRequestHeaders.Contains("X-Api-Key")) admin.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
        var subscription = (string)(await (await admin.PostJson(WebhookSubscriptionTests.Url, new { url = receiver.Url, eventTypes = new[] { "*" } }))
            .ExpectJson(HttpStatusCode.Created))["subscription"]!["id"]!;
        var plan = await Client.CreatePlan(2026);
        var log = $"{WebhookSubscriptionTests.Url}/{subscription}/deliveries";
        await Task.Delay(300);

        Assert.Empty(receiver.Requests);                                   // a draft plan's creation is no event
        await Client.IssuePlan(plan["id"]!, issueDate: "2026-01-05");
        for (var i = 0; i < 300 && receiver.Requests.IsEmpty; i++) await Task.Delay(100);
        var page = await (await Client.GetAsync(log)).ExpectJson(HttpStatusCode.OK);
        for (var i = 0; i < 100 && (string?)page["items"]![0]!["state"] != "Delivered"; i++)
            page = await (await Client.GetAsync(log)).ExpectJson(HttpStatusCode.OK);
        var delivery = page["items"]![0]!;
        var id = (string)delivery["id"]!;
        Assert.Equal(1, (int)page["totalCount"]!);
        Assert.Equal(("plan.issued", $"plan/{plan["id"]}", "Delivered", 1, 200), ((string)delivery["type"]!, (string)delivery["subject"]!,
            (string)delivery["state"]!, (int)delivery["attempts"]!, (int)delivery["lastStatus"]!));
        Assert.Null(delivery["nextAttemptAt"]);
        Assert.Equal(0, (int)(await (await Client.GetAsync($"{log}?state=Pending")).ExpectJson(HttpStatusCode.OK))["totalCount"]!);
        var detail = await (await Client.GetAsync($"{log}/{id}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("12/KH-UBND", (string?)detail["data"]!["number"]);
        Assert.Equal(200, (int)detail["attempts"]![0]!["statusCode"]!);

        var replayed = await (await Client.PostAsync($"{log}/{id}/replay", null)).ExpectJson(HttpStatusCode.Accepted);
        // The answer is the state the replay wrote, even when the worker sends it before the answer is read.
        Assert.Equal(("Pending", 1, null), ((string?)replayed["state"], (int)replayed["attempts"]!, (string?)replayed["finishedAt"]));
        for (var i = 0; i < 300 && receiver.Requests.Count < 2; i++) await Task.Delay(100);

        Assert.Equal([id, id], receiver.Requests.Select(r => r.Id));
        do detail = await (await Client.GetAsync($"{log}/{id}")).ExpectJson(HttpStatusCode.OK);
        while ((string?)detail["delivery"]!["state"] != "Delivered");
        Assert.Equal(2, detail["attempts"]!.AsArray().Count);
        Assert.Equal(2, (int)detail["delivery"]!["attempts"]!);
        Assert.Equal((string?)replayed["queuedAt"], (string?)detail["delivery"]!["queuedAt"]);
    }

    [Fact]
    public async Task ReplayWebhookDelivery_OfAPendingOne_Is409_AndUnknownsAre404()
    {
        var subscription = (string)(await (await Client.PostJson(WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/emulation", eventTypes = new[] { "plan.issued" } })).ExpectJson(HttpStatusCode.Created))["subscription"]!["id"]!;
        var other = (string)(await (await Client.PostJson(WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/other", eventTypes = new[] { "task.changed" } })).ExpectJson(HttpStatusCode.Created))["subscription"]!["id"]!;
        var plan = await Client.CreatePlan(2026);
        await Client.IssuePlan(plan["id"]!, issueDate: "2026-01-05");
        var log = $"{WebhookSubscriptionTests.Url}/{subscription}/deliveries";
        var id = (string)(await (await Client.GetAsync(log)).ExpectJson(HttpStatusCode.OK))["items"]![0]!["id"]!;

        var conflict = await (await Client.PostAsync($"{log}/{id}/replay", null)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("still pending", (string?)conflict["detail"], StringComparison.Ordinal);
        await (await Client.PostAsync($"{log}/{Guid.NewGuid()}/replay", null)).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.PostAsync($"{WebhookSubscriptionTests.Url}/{other}/deliveries/{id}/replay", null)).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"{WebhookSubscriptionTests.Url}/{other}/deliveries/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"{WebhookSubscriptionTests.Url}/{Guid.NewGuid()}/deliveries")).ExpectProblem(HttpStatusCode.NotFound);
        var bad = await (await Client.GetAsync($"{log}?state=Lost")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["state"]);
        var pending = await (await Client.GetAsync($"{log}?state=Pending")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(1, (int)pending["totalCount"]!);
        Assert.NotNull(pending["items"]![0]!["nextAttemptAt"]);
        Assert.Equal(0, (int)(await (await Client.GetAsync($"{WebhookSubscriptionTests.Url}/{other}/deliveries")).ExpectJson(HttpStatusCode.OK))["totalCount"]!);
    }
}

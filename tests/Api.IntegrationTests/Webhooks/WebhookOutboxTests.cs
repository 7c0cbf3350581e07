using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Webhooks;

public sealed class WebhookOutboxTests(ApiFactory factory) : ApiTest(factory)
{
    private static WebhookEventDraft Draft(string subject, string unitCode = "X-TIENDU") =>
        new("task.changed", subject, null, [unitCode], new { id = subject, name = "Phong trào thi đua" });

    private async Task<string> SubscribeAsync(string[] eventTypes, string? unitCode = null)
    {
        var body = await (await Client.PostJson(WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/emulation", eventTypes, unitCode = (string?)null, description = unitCode })).ExpectJson(HttpStatusCode.Created);
        return (string)body["subscription"]!["id"]!;
    }

    [Fact]
    public async Task Add_WhenTheUseCaseSaves_WritesTheEventAndQueuesADeliveryPerSubscriptionThatWantsIt()
    {
        var wanted = await SubscribeAsync(["task.changed"]);
        var everything = await SubscribeAsync(["*"]);
        await SubscribeAsync(["plan.issued"]);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().Add(Draft("task/1"));
            Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events"));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal("task.changed|task/1|{X-TIENDU}|Phong trào thi đua", await Factory.ScalarAsync<string>(
            "SELECT concat_ws('|', type, subject, unit_codes::text, data->>'name') FROM webhook_events"));
        Assert.Equal(ApiFactory.RunNow.UtcDateTime, await Factory.ScalarAsync<DateTime>("SELECT occurred_at FROM webhook_events"));
        Assert.Equal(string.Join(",", new[] { wanted, everything }.Order(StringComparer.Ordinal)), await Factory.ScalarAsync<string>(
            "SELECT string_agg(subscription_id::text, ',' ORDER BY subscription_id::text) FROM webhook_deliveries WHERE state = 'Pending' AND subject = 'task/1'"));
        // The id is a version 7 uuid, whoever made it.
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE substr(id::text, 15, 1) = '7'"));
    }

    [Fact]
    public async Task Add_InATransactionRolledBack_WritesNothing()
    {
        await SubscribeAsync(["*"]);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            await using var transaction = await db.BeginFeedWriteAsync(CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().Add(Draft("task/2"));
            await db.SaveChangesAsync(CancellationToken.None);
            Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events"));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));
    }

    [Fact]
    public async Task Add_WithAUnitFilter_QueuesOnlyForTheUnitsTheEventConcerns()
    {
        await Client.CreateUnit("X-TIENDU", "Xã Tiên Du", "Commune");
        var body = await (await Client.PostJson(WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/emulation", eventTypes = new[] { "*" }, unitCode = "x-tiendu" })).ExpectJson(HttpStatusCode.Created);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
            outbox.Add(Draft("task/3", "X-TIENDU"));
            outbox.Add(Draft("task/4", "P-KINHBAC"));
            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_events"));
        Assert.Equal("task/3", await Factory.ScalarAsync<string>(
            $"SELECT string_agg(subject, ',') FROM webhook_deliveries WHERE subscription_id = '{(string)body["subscription"]!["id"]!}'"));
    }

    [Fact]
    public async Task Add_InAScopeThatSavesThroughTheContextItself_IsWrittenToo()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EmulationApi.Infrastructure.Persistence.AppDbContext>();
            scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().Add(Draft("task/5"));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal("task/5", await Factory.ScalarAsync<string>("SELECT string_agg(subject, ',') FROM webhook_events"));
    }
}

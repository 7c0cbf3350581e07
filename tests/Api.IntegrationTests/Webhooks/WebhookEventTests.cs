using System.Net;
using EmulationApi.Api.IntegrationTests.Attachments;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Webhooks;

/// <summary>The events the changes write to the outbox, in their own transaction (the worker is off on this server).</summary>
public sealed class WebhookEventTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<string> SubscribeAsync(string[] eventTypes, string? unitCode = null)
    {
        var body = await (await Client.PostJson(WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/emulation", eventTypes, unitCode })).ExpectJson(HttpStatusCode.Created);
        return (string)body["subscription"]!["id"]!;
    }

    private Task<string> Events(string type) => Factory.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(concat_ws('|', subject, unit_codes::text, data->>'change'), ';' ORDER BY position), '') FROM webhook_events WHERE type = '{type}'");

    [Fact]
    public async Task Changes_OfAPlanItsTaskAndItsProgress_WriteTheirEventsAndQueueThemForEachSubscription()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        var all = await SubscribeAsync(["*"]);
        var elsewhere = await SubscribeAsync(["*"], unitCode: "STC");
        var plan = await Client.CreatePlan(2026);
        var task = await Client.CreateTask(plan["id"]!, group: "Recurring", timing: new { kind = "Recurring" }, leads: [PlansApi.Unit("SNV")]);
        await Client.IssuePlan(plan["id"]!, issueDate: "2026-01-05");
        await Client.Report(task["id"]!, "InProgress", "2026-11-30");

        Assert.Equal($"plan/{plan["id"]}|{{}}", await Events("plan.issued"));
        Assert.Equal("12/KH-UBND", await Factory.ScalarAsync<string>("SELECT data->>'number' FROM webhook_events WHERE type = 'plan.issued'"));
        Assert.Equal($"task/{task["id"]}|{{SNV}}|created;task/{task["id"]}|{{SNV}}|progress", await Events("task.changed"));
        // The report's event names its plan, as the task's own does: a subscription to the plan receives it.
        Assert.Equal($"{plan["id"]}|{plan["id"]}", await Factory.ScalarAsync<string>(
            "SELECT concat_ws('|', plan_id, data->>'planId') FROM webhook_events WHERE type = 'task.changed' AND data->>'change' = 'progress'"));
        var obligation = await Factory.ScalarAsync<Guid>("SELECT id FROM obligations");
        Assert.Equal($"obligation/{obligation}|{{SNV}}|created;obligation/{obligation}|{{SNV}}|updated", await Events("obligation.changed"));
        Assert.Equal("InProgress", await Factory.ScalarAsync<string>("SELECT data->>'status' FROM webhook_events WHERE type = 'obligation.changed' ORDER BY position DESC LIMIT 1"));
        Assert.Equal(5L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '{all}'"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '{elsewhere}'"));
        // Each change's events were written by its own request's transaction, in the order of the changes (the report's
        // obligation and task events together, by one SaveChanges).
        Assert.Equal("task.changed,plan.issued,obligation.changed,obligation.changed,task.changed", await Factory.ScalarAsync<string>(
            "SELECT string_agg(type, ',' ORDER BY position) FROM webhook_events"));
    }

    [Fact]
    public async Task Changes_WhenNoSubscriptionWantsObligationEvents_WriteNone()
    {
        await SubscribeAsync(["task.changed"]);

        var (taskId, _) = await Client.Report();

        Assert.Equal("", await Events("obligation.changed"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations"));
        Assert.Equal($"task/{taskId}|{{SNV}}|created;task/{taskId}|{{SNV}}|progress", await Events("task.changed"));
    }

    [Fact]
    public async Task DeleteTask_WritesADeletedEvent_AndARefusedChangeWritesNothing()
    {
        await SubscribeAsync(["task.changed"]);
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan(2026);
        var task = await Client.CreateTask(plan["id"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{PlansApi.TasksUrl}/{task["id"]}")).StatusCode);
        await (await Client.PostTask(plan["id"]!, PlansApi.TaskBody(leads: [PlansApi.Unit("NO-SUCH-UNIT")]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal($"task/{task["id"]}|{{SNV}}|created;task/{task["id"]}|{{SNV}}|deleted", await Events("task.changed"));
    }

    [Fact]
    public async Task MovementSteps_WriteAnEventEach_AndARefusedStepNone()
    {
        await SubscribeAsync(["movement.step"]);
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");

        await Client.Reach(movement.Id(), "InterimReviewed");
        await (await Client.Step(movement.Id(), "launch", "2026-03-15")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("Launched,InterimReviewed", await Factory.ScalarAsync<string>(
            $"SELECT string_agg(data->>'status', ',' ORDER BY position) FROM webhook_events WHERE type = 'movement.step' AND subject = 'movement/{movement.Id()}'"));
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));
    }
}

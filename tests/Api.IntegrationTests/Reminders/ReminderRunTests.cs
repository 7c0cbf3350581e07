using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Domain.Reminders;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Reminders;

/// <summary>
/// Once per slot, whatever the number of instances: two servers racing for one slot send it once (one run row, one event
/// per unit); a slot already sent is not sent again; the catch-up at start-up sends only the latest missed slot, and only
/// after an earlier run.
/// </summary>
public sealed class ReminderRunTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => Today;

    private static readonly DateOnly Today = new(2026, 6, 10);

    /// <summary>Two units with an overdue obligation each.</summary>
    private async Task ArrangeOverdue()
    {
        await Client.RegisterUnits("Department", "S-A", "S-B");
        var plan = (string)(await Client.CreatePlan(year: 2026))["id"]!;
        await (await Client.PostTask(plan, TaskBody("Q2", 1, "Quá hạn", OnDate("2026-06-01"), [Unit("S-A"), Unit("S-B")], []))).ExpectJson(HttpStatusCode.Created);
        await Client.IssuePlan(plan, "15/KH-UBND", "2026-01-20");
    }

    [Fact]
    public async Task SendReminders_TwoServersRacingForOneSlot_SendItOnce()
    {
        await ArrangeOverdue();
        await using var second = Factory.WithWebHostBuilder(_ => { });
        var slot = RemindersApi.SlotOn(Today);

        // Both runs reach their first write (the slot's row) before either commits.
        Task<Application.Reminders.ReminderRunDto?> one, two;
        await using (var gate = await Factory.HoldWritesAsync("reminder_runs"))
        {
            one = Factory.SendReminders(slot);
            two = second.SendReminders(slot);
            await gate.WaitForWaitingWritersAsync(2);
        }
        var runs = await Task.WhenAll(one, two);

        var sent = Assert.Single(runs, r => r is not null)!;
        Assert.Equal((2, 0, 2), (sent.Units, sent.DueSoon, sent.Overdue));
        Assert.Single(await Client.Runs());
        Assert.Equal(["unit/S-A", "unit/S-B"], (await Factory.ReminderEvents()).Select(e => e.Subject).Order());
    }

    [Fact]
    public async Task SendReminders_ForASlotAlreadySent_SendsNothing_AndTheNextSlotSendsAgain()
    {
        await ArrangeOverdue();
        var slot = RemindersApi.SlotOn(Today);

        Assert.NotNull(await Factory.SendReminders(slot));
        Assert.Null(await Factory.SendReminders(slot));
        Assert.Null(await Factory.SendReminders(slot.ToOffset(TimeSpan.FromHours(7)))); // the same instant, written in Bắc Ninh time
        Assert.Equal(2, (await Factory.ReminderEvents()).Count);

        Factory.PinToday(Today.AddDays(1));
        Assert.NotNull(await Factory.SendReminders(slot.AddDays(1)));
        var runs = await Client.Runs();
        Assert.Equal(["2026-06-11", "2026-06-10"], runs.Select(r => (string)r!["asOf"]!)); // latest first
        Assert.Equal(4, (await Factory.ReminderEvents()).Count);
    }

    [Fact]
    public async Task CatchUp_WithoutAnyEarlierRun_SendsNothing()
    {
        await ArrangeOverdue();

        Assert.Null(await Factory.SendReminders(RemindersApi.SlotOn(Today), ReminderTrigger.CatchUp));

        Assert.Empty(await Client.Runs());
        Assert.Empty(await Factory.ReminderEvents());
    }

    [Fact]
    public async Task CatchUp_AfterAnEarlierRun_SendsTheMissedSlotOnce_AndNeverASlotOlderThanTheLastRun()
    {
        await ArrangeOverdue();
        var (monday, wednesday) = (RemindersApi.SlotOn(Today.AddDays(-2)), RemindersApi.SlotOn(Today));
        Assert.NotNull(await Factory.SendReminders(monday));

        var caughtUp = await Factory.SendReminders(wednesday, ReminderTrigger.CatchUp);
        Assert.NotNull(caughtUp);
        Assert.Equal((ReminderTrigger.CatchUp, 2), (caughtUp.Trigger, caughtUp.Units));
        Assert.Null(await Factory.SendReminders(wednesday, ReminderTrigger.CatchUp));
        Assert.Null(await Factory.SendReminders(RemindersApi.SlotOn(Today.AddDays(-1)), ReminderTrigger.CatchUp)); // Tuesday: older than the last run

        var runs = await Client.Runs();
        Assert.Equal(["CatchUp", "Scheduled"], runs.Select(r => (string)r!["trigger"]!));
        Assert.Equal(4, (await Factory.ReminderEvents()).Count);
    }

    [Fact]
    public async Task ListReminderRuns_PagesLatestFirst_AndRefusesABadPage()
    {
        for (var day = 1; day <= 3; day++) await Factory.SendReminders(RemindersApi.SlotOn(new DateOnly(2026, 6, day)));

        var page = await (await Client.GetAsync($"{RemindersApi.RunsUrl}?page=2&pageSize=2")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal("2026-06-01T00:00:00+00:00", (string)page["items"]![0]!["slot"]!);
        var bad = await (await Client.GetAsync($"{RemindersApi.RunsUrl}?pageSize=0")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["pageSize"]);
    }
}

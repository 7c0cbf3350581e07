using System.Net;
using Cronos;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.Reminders;
using Microsoft.AspNetCore.Hosting;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Reminders;

/// <summary>
/// The scheduler in a server of its own with Reminders:Enabled: it catches up the latest missed slot at start-up and runs
/// the next slot when it comes; the schedule is read in its time zone (07:00 in Bắc Ninh is 00:00 UTC), daylight saving
/// handled; a setting that cannot be used stops the start, naming its key.
/// </summary>
public sealed class ReminderSchedulerTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly Today = new(2026, 6, 10);

    private async Task ArrangeOverdue()
    {
        await Client.RegisterUnits("Department", "S-A");
        var plan = (string)(await Client.CreatePlan(year: 2026))["id"]!;
        await (await Client.PostTask(plan, TaskBody("Q2", 1, "Quá hạn", OnDate("2026-06-01"), [Unit("S-A")], []))).ExpectJson(HttpStatusCode.Created);
        await Client.IssuePlan(plan, "15/KH-UBND", "2026-01-20");
    }

    /// <summary>Polls the runs until there are <paramref name="count"/> (at most 30 s).</summary>
    private async Task<System.Text.Json.Nodes.JsonArray> RunsWhen(int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await Client.Runs() is { } runs && runs.Count >= count) return runs;
        return await Client.Runs();
    }

    [Fact]
    public async Task Scheduler_AtStartAfterDowntime_SendsTheLatestMissedSlotOnce()
    {
        Factory.PinToday(Today.AddDays(-3));
        await ArrangeOverdue();
        Assert.NotNull(await Factory.SendReminders(RemindersApi.SlotOn(Today.AddDays(-3)))); // the last run before the downtime
        Factory.PinClock(new DateTimeOffset(2026, 6, 10, 3, 0, 0, TimeSpan.Zero)); // 10:00 on the 10th: the 8th, 9th and 10th were missed

        await using (var server = Factory.WithWebHostBuilder(b => b.UseSetting(ReminderSetup.EnabledKey, "true")))
        {
            server.CreateClient().Dispose();
            var runs = await RunsWhen(2);
            Assert.Equal(2, runs.Count);
            Assert.Equal(("CatchUp", "2026-06-10T00:00:00+00:00", "2026-06-10"), ((string)runs[0]!["trigger"]!, (string)runs[0]!["slot"]!, (string)runs[0]!["asOf"]!));
        }
        Assert.Equal(2, (await Factory.ReminderEvents()).Count);
    }

    [Fact]
    public async Task Scheduler_WhenTheSlotComes_SendsIt()
    {
        await ArrangeOverdue();
        Factory.PinClock(new DateTimeOffset(2026, 6, 9, 23, 59, 59, TimeSpan.Zero)); // 06:59:59 in Bắc Ninh, one second before the slot

        await using (var server = Factory.WithWebHostBuilder(b => b.UseSetting(ReminderSetup.EnabledKey, "true")))
        {
            server.CreateClient().Dispose();
            var runs = await RunsWhen(1);
            var run = Assert.Single(runs)!;
            Assert.Equal(("Scheduled", "2026-06-10T00:00:00+00:00"), ((string)run["trigger"]!, (string)run["slot"]!));
        }
        Assert.Equal(["unit/S-A"], (await Factory.ReminderEvents()).Select(e => e.Subject));
    }

    [Theory]
    [InlineData("Reminders:Schedule", "7 giờ sáng")]
    [InlineData("Reminders:Schedule", "0 7 * *")]
    [InlineData("Reminders:Schedule", "0 0 30 2 *")]
    [InlineData("Reminders:TimeZone", "Asia/Hanoi-ish")]
    [InlineData("Reminders:DueSoonDays", "-1")]
    [InlineData("Reminders:DueSoonDays", "61")]
    [InlineData("Reminders:DueSoonDays", "ba")]
    [InlineData("Reminders:Enabled", "có")]
    public void Start_WithAnUnusableSetting_IsRefusedNamingTheKey(string key, string value)
    {
        var server = Factory.WithWebHostBuilder(b => b.UseSetting(key, value));

        var refused = Assert.Throws<InvalidOperationException>(() => server.CreateClient());

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }

    private static ReminderSchedule Schedule(string cron, string zone) =>
        new(CronExpression.Parse(cron), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Fact]
    public void Schedule_ByDefault_Is0700InBacNinh_0000Utc()
    {
        var schedule = Schedule(ReminderSetup.DefaultSchedule, ReminderSetup.DefaultTimeZone);

        Assert.Equal(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 6, 9, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), schedule.Latest(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 0, 0, 0, TimeSpan.Zero), schedule.Latest(new DateTimeOffset(2026, 6, 10, 6, 59, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void Schedule_InAZoneWithDaylightSaving_RunsASkippedTimeAtTheChange_AndARepeatedTimeOnce()
    {
        var schedule = Schedule("30 2 * * *", "Europe/Berlin");

        // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and runs at the change (01:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));
        // 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice and runs once, the first time (00:30 UTC).
        var autumn = schedule.Next(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), autumn);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), schedule.Next(autumn));
    }
}

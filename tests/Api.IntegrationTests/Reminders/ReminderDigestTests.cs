using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.Reminders;
using Microsoft.AspNetCore.Hosting;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Reminders;

/// <summary>
/// What a digest lists, through the preview and through a run: per unit, its active obligations on tasks of issued plans
/// that are overdue, or not done and due within Reminders:DueSoonDays (7) — not done work, not exempted obligations, not
/// deadlines further away, not closed plans — each against the unit's own (extended) deadline; one event per unit with
/// something to say, none for the others.
/// </summary>
public sealed class ReminderDigestTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => Today;

    private static readonly DateOnly Today = new(2026, 6, 10);

    private static object Task(string group, int sequence, string content, object timing, string lead, string? coordinator = null) =>
        TaskBody(group, sequence, content, timing, [Unit(lead)], coordinator is null ? [] : [Unit(coordinator)]);

    /// <summary>
    /// S-A leads: "Quá hạn" (due 06-01, 9 days overdue; S-B coordinates and has started), "Hôm nay" (due today),
    /// "Gia hạn" (due 04-30, extended to 06-12), "Cuối kỳ" (06-17, the window's last day), "Sau kỳ" (06-18, one day too far),
    /// "Đã xong" (due 05-01, done), "Thường xuyên" (no deadline). S-C leads "Miễn" (due 05-15, exempted) and, in a plan
    /// since closed, "Kế hoạch đã đóng" (due 05-01).
    /// </summary>
    private async Task<Dictionary<string, string>> Arrange()
    {
        await Client.RegisterUnits("Department", "S-A", "S-B", "S-C");
        var plan = (string)(await Client.CreatePlan(year: 2026))["id"]!;
        var tasks = new Dictionary<string, string>();
        foreach (var (name, body) in new[]
        {
            ("Quá hạn", Task("Q2", 1, "Quá hạn", OnDate("2026-06-01"), "S-A", "S-B")),
            ("Hôm nay", Task("Q2", 2, "Hôm nay", OnDate("2026-06-10"), "S-A")),
            ("Gia hạn", Task("Q2", 3, "Gia hạn", OnDate("2026-04-30"), "S-A")),
            ("Cuối kỳ", Task("Q2", 4, "Cuối kỳ", OnDate("2026-06-17"), "S-A")),
            ("Sau kỳ", Task("Q2", 5, "Sau kỳ", OnDate("2026-06-18"), "S-A")),
            ("Đã xong", Task("Q2", 6, "Đã xong", OnDate("2026-05-01"), "S-A")),
            ("Thường xuyên", Task("Recurring", 1, "Thường xuyên", Recurring(), "S-A")),
            ("Miễn", Task("Q2", 7, "Miễn", OnDate("2026-05-15"), "S-C")),
        })
            tasks[name] = (string)(await (await Client.PostTask(plan, body)).ExpectJson(HttpStatusCode.Created))["id"]!;
        await Client.IssuePlan(plan, "15/KH-UBND", "2026-01-20");

        await Client.Report(tasks["Quá hạn"], "InProgress", "2026-06-05", "S-B");
        await Client.Report(tasks["Đã xong"], "Done", "2026-05-20", "S-A");
        await (await Client.Extend((await Client.ObligationOf("S-A", tasks["Gia hạn"]))["id"]!, "2026-06-12")).ExpectJson(HttpStatusCode.OK);
        await (await Client.Exempt((await Client.ObligationOf("S-C", tasks["Miễn"]))["id"]!)).ExpectJson(HttpStatusCode.OK);

        var closed = (string)(await Client.CreatePlan(year: 2026, title: "Kế hoạch đã đóng"))["id"]!;
        await (await Client.PostTask(closed, Task("Q2", 1, "Kế hoạch đã đóng", OnDate("2026-05-01"), "S-C"))).ExpectJson(HttpStatusCode.Created);
        await Client.IssuePlan(closed, "16/KH-UBND", "2026-01-20");
        await Client.ClosePlan(closed);
        return tasks;
    }

    [Fact]
    public async Task GetUnitReminder_ListsOverdueAndDueSoonAgainstTheUnitsOwnDeadline_NotDoneWorkOrLaterDeadlines()
    {
        var tasks = await Arrange();

        var a = await Client.Preview("s-a");
        Assert.Equal("S-A", (string)a["unitCode"]!);
        Assert.Equal("Đơn vị S-A", (string)a["unitName"]!);
        Assert.Null(a["slot"]);
        Assert.Equal("2026-06-10", (string)a["asOf"]!);
        Assert.Equal(7, (int)a["dueSoonDays"]!);
        Assert.Equal([("Quá hạn", "2026-06-01", "NotStarted", 9)], a.Items("overdue"));
        Assert.Equal([("Hôm nay", "2026-06-10", "NotStarted", 0), ("Gia hạn", "2026-06-12", "NotStarted", -2), ("Cuối kỳ", "2026-06-17", "NotStarted", -7)],
            a.Items("dueSoon"));
        var item = a["overdue"]![0]!;
        Assert.Equal(tasks["Quá hạn"], (string)item["taskId"]!);
        Assert.Equal("15/KH-UBND", (string)item["planNumber"]!);
        Assert.Equal(("Q2", 1, "Lead"), ((string)item["group"]!, (int)item["sequence"]!, (string)item["role"]!));
        Assert.Equal((string)(await Client.ObligationOf("S-A", tasks["Quá hạn"]))["id"]!, (string)item["obligationId"]!);

        var b = await Client.Preview("S-B");
        Assert.Equal([("Quá hạn", "2026-06-01", "InProgress", 9)], b.Items("overdue"));
        Assert.Equal("Coordinator", (string)b["overdue"]![0]!["role"]!);
        Assert.Empty(b.Items("dueSoon"));

        // Exempted, and overdue only in a closed plan: nothing to remind S-C of.
        var c = await Client.Preview("S-C");
        Assert.Empty(c.Items("overdue"));
        Assert.Empty(c.Items("dueSoon"));
    }

    [Fact]
    public async Task GetUnitReminder_OnAnotherDay_TakesTimelinessOnThatDay()
    {
        await Arrange();

        // On 04-28 the window runs to 05-05: "Gia hạn" (the task's deadline 04-30) is held to its extension, 06-12, and
        // "Đã xong" (05-01) is done — whatever the day, done work is not reminded of.
        var early = await Client.Preview("S-A", "2026-04-28");
        Assert.Empty(early.Items("overdue"));
        Assert.Empty(early.Items("dueSoon"));
        var late = await Client.Preview("S-A", "2026-12-31");
        Assert.Equal([("Quá hạn", 213), ("Hôm nay", 204), ("Gia hạn", 202), ("Cuối kỳ", 197), ("Sau kỳ", 196)],
            late.Items("overdue").Select(i => (i.Task, i.DaysOverdue)));
        Assert.Empty(late.Items("dueSoon"));
    }

    [Fact]
    public async Task GetUnitReminder_WithDueSoonDaysZero_ListsOnlyWhatIsDueToday()
    {
        await Arrange();
        await using var server = Factory.WithWebHostBuilder(b => b.UseSetting(ReminderSetup.DueSoonDaysKey, "0"));
        using var client = server.CreateClient();

        var a = await client.Preview("S-A");

        Assert.Equal(0, (int)a["dueSoonDays"]!);
        Assert.Equal([("Hôm nay", "2026-06-10", "NotStarted", 0)], a.Items("dueSoon"));
        Assert.Single(a.Items("overdue"));
    }

    [Fact]
    public async Task GetUnitReminder_RefusesAnUnknownUnitABadDayAndAnotherUnitsClient()
    {
        await Arrange();

        var unknown = await (await Client.GetAsync(RemindersApi.PreviewUrl("KHONG-CO"))).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains("KHONG-CO", (string)unknown["detail"]!, StringComparison.Ordinal);
        var badDay = await (await Client.GetAsync(RemindersApi.PreviewUrl("S-A", "2026-02-30"))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(badDay["errors"]!["asOf"]);
        var outOfRange = await (await Client.GetAsync(RemindersApi.PreviewUrl("S-A", "1900-01-01"))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(outOfRange["errors"]!["asOf"]);

        using var unitB = Factory.ClientWithKey(await Client.CreateKey("Unit", "S-B"));
        var forbidden = await (await unitB.GetAsync(RemindersApi.PreviewUrl("S-A"))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("S-B", (string)forbidden["detail"]!, StringComparison.Ordinal);
        var own = await (await unitB.GetAsync(RemindersApi.PreviewUrl("S-B"))).ExpectJson(HttpStatusCode.OK);
        Assert.Single(own.Items("overdue"));
        Assert.Equal(HttpStatusCode.Forbidden, (await unitB.GetAsync(RemindersApi.RunsUrl)).StatusCode);
    }

    [Fact]
    public async Task SendReminders_SendsOneDigestPerUnitWithSomethingDue_NoneToTheOthers_AndRecordsTheRun()
    {
        await Arrange();
        var slot = RemindersApi.SlotOn(Today);

        var run = await Factory.SendReminders(slot);

        Assert.NotNull(run);
        Assert.Equal((2, 3, 2), (run.Units, run.DueSoon, run.Overdue));
        var events = (await Factory.ReminderEvents()).OrderBy(e => e.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(["unit/S-A", "unit/S-B"], events.Select(e => e.Subject));
        Assert.Equal([["S-A"], ["S-B"]], events.Select(e => e.UnitCodes));
        // The event's data is the digest the preview shows, with the slot it was sent for.
        var sent = events[0].Data;
        var preview = await Client.Preview("S-A");
        Assert.Equal("2026-06-10T00:00:00+00:00", (string)sent["slot"]!);
        preview["slot"] = (string)sent["slot"]!;
        Assert.True(JsonNode.DeepEquals(preview, sent), $"sent {sent.ToJsonString()}; preview {preview.ToJsonString()}");

        var runs = await Client.Runs();
        var recorded = Assert.Single(runs)!;
        Assert.Equal(("Scheduled", "2026-06-10", 2, 3, 2), ((string)recorded["trigger"]!, (string)recorded["asOf"]!, (int)recorded["units"]!,
            (int)recorded["dueSoon"]!, (int)recorded["overdue"]!));
        Assert.Equal(slot, DateTimeOffset.Parse((string)recorded["slot"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(recorded["finishedAt"]);
        Assert.False(string.IsNullOrEmpty((string?)recorded["instance"]));
    }

    private async Task Subscribe(string description, string[] eventTypes, string? unitCode = null, string? planId = null) =>
        await (await Client.PostJson(Webhooks.WebhookSubscriptionTests.Url,
            new { url = "https://93.184.216.34/hooks/nhac-viec", eventTypes, unitCode, planId, description })).ExpectJson(HttpStatusCode.Created);

    [Fact]
    public async Task SendReminders_ToSubscriptionsFilteredByUnit_DeliversEachOnlyItsUnitsDigest()
    {
        await Arrange();
        var plan = (string)(await Client.CreatePlan(year: 2027, title: "Kế hoạch khác"))["id"]!;
        await Subscribe("S-A's own system", ["obligation.reminder"], unitCode: "s-a");
        await Subscribe("S-C's own system", ["obligation.reminder"], unitCode: "S-C");
        await Subscribe("the portal", ["*"]);
        await Subscribe("a plan's follower", ["obligation.reminder"], planId: plan);
        await Subscribe("task feed only", ["task.changed"]);

        await Factory.SendReminders(RemindersApi.SlotOn(Today));

        var deliveries = await Factory.RowsAsync("""
            SELECT s.description, e.subject FROM webhook_deliveries d
              JOIN webhook_subscriptions s ON s.id = d.subscription_id JOIN webhook_events e ON e.id = d.event_id
             ORDER BY 1, 2
            """, r => (r.GetString(0), r.GetString(1)));
        Assert.Equal([("S-A's own system", "unit/S-A"), ("the portal", "unit/S-A"), ("the portal", "unit/S-B")], deliveries);
    }

    [Fact]
    public async Task SendReminders_WithNothingDueAnywhere_SendsNothing_ButRecordsTheSlot()
    {
        await Client.RegisterUnits("Department", "S-A");
        var run = await Factory.SendReminders(RemindersApi.SlotOn(Today));

        Assert.Equal((0, 0, 0), (run!.Units, run.DueSoon, run.Overdue));
        Assert.Empty(await Factory.ReminderEvents());
        Assert.Single(await Client.Runs());
    }

    [Fact]
    public async Task SendReminders_ToHundredsOfUnits_OneWithHundredsOfObligations_SendsEachOneDigest()
    {
        var wards = Enumerable.Range(1, 300).Select(i => $"P-{i:D3}").ToArray();
        await Client.RegisterUnits("Ward", wards);
        await Client.RegisterUnits("Department", "S-A");
        var plan = (string)(await Client.CreatePlan(year: 2026))["id"]!;
        // Every ward owes the first task (overdue); S-A leads 250 more, due one a day from 2026-06-03: 7 overdue, 8 due soon.
        await (await Client.PostTask(plan, TaskBody("Q2", 1, "Các xã, phường báo cáo", OnDate("2026-06-01"), [Group("AllCommunesAndWards")], [])))
            .ExpectJson(HttpStatusCode.Created);
        for (var i = 0; i < 250; i++)
        {
            var due = new DateOnly(2026, 6, 3).AddDays(i);
            var group = $"Q{(due.Month - 1) / 3 + 1}";
            await (await Client.PostTask(plan, Task(group, 100 + i, $"Việc {i:D3}", OnDate(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "S-A")))
                .ExpectJson(HttpStatusCode.Created);
        }
        await Client.IssuePlan(plan, "15/KH-UBND", "2026-01-20");

        var run = await Factory.SendReminders(RemindersApi.SlotOn(Today));

        Assert.Equal((301, 8, 307), (run!.Units, run.DueSoon, run.Overdue));
        var events = await Factory.ReminderEvents();
        Assert.Equal(301, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.Subject).Distinct().Count());
        Assert.All(events.Where(e => e.Subject != "unit/S-A"), e => Assert.Single(e.Data["overdue"]!.AsArray()));
        var a = events.Single(e => e.Subject == "unit/S-A").Data;
        Assert.Equal(7, a["overdue"]!.AsArray().Count);
        Assert.Equal(8, a["dueSoon"]!.AsArray().Count);
        Assert.Equal(7, (int)a["overdue"]![0]!["daysOverdue"]!);
    }
}

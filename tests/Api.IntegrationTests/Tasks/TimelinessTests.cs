using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>
/// Timeliness derived on a reference date (asOf): the same on a task, in the feed's filter and in the summary.
/// Thresholds (PlanTask.DueSoonDays = 7): not done and deadline − asOf &gt; 7 days → WithinDeadline; 0–7 days → DueSoon;
/// asOf after the deadline → Overdue; done on or before the deadline → DoneOnTime, after → DoneLate; recurring or not
/// carried out → NoDeadline.
/// </summary>
public sealed class TimelinessTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The progress reports below are dated in 2025 and 2026 (up to 30 July): the server's today must be later.</summary>
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private async Task<string> DraftPlan()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        return (string)(await Client.CreatePlan(2025, "Kế hoạch thử"))["id"]!;
    }

    /// <summary>Asserts the timeliness on the task (200), in the feed's filter and in the summary; returns the task read.</summary>
    private async Task<JsonNode> AssertTimeliness(object taskId, string asOf, string expected)
    {
        var task = await Client.GetTask(taskId, asOf);
        Assert.Equal(expected, (string?)task["timeliness"]);
        var feed = await Client.Feed($"timeliness={expected}&asOf={asOf}");
        Assert.Contains(feed["items"]!.AsArray(), t => (string?)t!["id"] == taskId.ToString() && (string?)t["timeliness"] == expected);
        var summary = await (await Client.GetAsync($"{TasksUrl}/summary?asOf={asOf}")).ExpectJson(HttpStatusCode.OK);
        Assert.True((int)summary["total"]![char.ToLowerInvariant(expected[0]) + expected[1..]]! >= 1, $"summary has no {expected} task on {asOf}");
        return task;
    }

    [Theory]
    [InlineData("NotStarted", "2025-01-01", "WithinDeadline")] // long before the deadline
    [InlineData("NotStarted", "2025-03-23", "WithinDeadline")] // 8 days before the deadline
    [InlineData("NotStarted", "2025-03-24", "DueSoon")]        // 7 days before
    [InlineData("NotStarted", "2025-03-31", "DueSoon")]        // the deadline itself
    [InlineData("NotStarted", "2025-04-01", "Overdue")]        // the day after
    [InlineData("NotStarted", "2025-04-07", "Overdue")]        // 7 days after
    [InlineData("InProgress", "2025-03-23", "WithinDeadline")]
    [InlineData("InProgress", "2025-03-24", "DueSoon")]
    [InlineData("InProgress", "2025-03-31", "DueSoon")]
    [InlineData("InProgress", "2025-04-01", "Overdue")]
    [InlineData("InProgress", "2025-04-07", "Overdue")]
    public async Task Timeliness_OfATaskNotDone_FollowsTheReferenceDateAroundTheDeadline(string status, string asOf, string expected)
    {
        var planId = await DraftPlan();
        var task = await Client.CreateTask(planId, "Q1", 1, timing: Month(3)); // deadline 2025-03-31
        await Client.IssuePlan(planId);
        if (status == "InProgress") await Client.Report(task["id"]!, "InProgress", "2025-03-01");

        var read = await AssertTimeliness(task["id"]!, asOf, expected);

        Assert.Equal((status, "2025-03-31"), ((string?)read["status"], (string?)read["deadline"]));
        Assert.Null(read["completedOn"]);
        Assert.Equal(1, (int)(await Client.Feed($"timeliness={expected}&asOf={asOf}"))["totalCount"]!);
    }

    [Theory]
    [InlineData("2025-03-15", "2025-12-31", "DoneOnTime")] // done before the deadline
    [InlineData("2025-03-31", "2025-03-01", "DoneOnTime")] // done on the deadline, looked at before it
    [InlineData("2025-03-31", "2025-12-31", "DoneOnTime")] // … and long after it
    [InlineData("2025-04-01", "2025-04-01", "DoneLate")]   // done the day after the deadline
    [InlineData("2025-04-01", "2025-12-31", "DoneLate")]   // … looked at long after it
    public async Task Timeliness_OfADoneTask_ComparesTheCompletionDateWithTheDeadline(string doneOn, string asOf, string expected)
    {
        var planId = await DraftPlan();
        var task = await Client.CreateTask(planId, "Q1", 1, timing: Month(3));
        await Client.IssuePlan(planId);
        await Client.Report(task["id"]!, "InProgress", "2025-03-01");
        await Client.Report(task["id"]!, "Done", doneOn);

        var read = await AssertTimeliness(task["id"]!, asOf, expected);

        Assert.Equal(("Done", doneOn, "2025-03-31"), ((string?)read["status"], (string?)read["completedOn"], (string?)read["deadline"]));
        Assert.Equal(1, (int)(await Client.Feed($"timeliness={expected}&asOf={asOf}"))["totalCount"]!);
    }

    [Fact]
    public async Task Timeliness_WithoutADeadline_IsNoDeadline_ExceptARecurringTaskDoneIsDoneOnTime()
    {
        var planId = await DraftPlan();
        var recurring = await Client.CreateTask(planId, "Recurring", 1, timing: Recurring());
        var recurringDone = await Client.CreateTask(planId, "Recurring", 2, timing: Recurring());
        var notCarriedOut = await Client.CreateTask(planId, "Q3", 1, "Tập huấn (nếu có)", Month(7, "nếu có"));
        await Client.IssuePlan(planId);
        await Client.Report(recurringDone["id"]!, "Done", "2025-06-01");
        await Client.Report(notCarriedOut["id"]!, "NotCarriedOut", "2025-08-05", text: "Không tổ chức tập huấn trong năm.");

        var recurringRead = await AssertTimeliness(recurring["id"]!, "2025-12-31", "NoDeadline");
        await AssertTimeliness(recurring["id"]!, "2025-01-01", "NoDeadline");
        var notCarriedOutRead = await AssertTimeliness(notCarriedOut["id"]!, "2025-12-31", "NoDeadline"); // long after its deadline
        await AssertTimeliness(notCarriedOut["id"]!, "2025-07-01", "NoDeadline");
        await AssertTimeliness(recurringDone["id"]!, "2025-12-31", "DoneOnTime");

        Assert.Equal(("NotStarted", null), ((string?)recurringRead["status"], (string?)recurringRead["deadline"]));
        Assert.Equal(("NotCarriedOut", "2025-07-31"), ((string?)notCarriedOutRead["status"], (string?)notCarriedOutRead["deadline"]));
        Assert.Equal(2, (int)(await Client.Feed("timeliness=NoDeadline&asOf=2025-12-31"))["totalCount"]!);
    }

    [Fact]
    public async Task Timeliness_WithoutAsOf_IsTakenOnTodayInVietnam_AndTheETagChangesWithTheReferenceDate()
    {
        Factory.PinToday(new DateOnly(2026, 6, 15));
        var planId = await DraftPlan();
        var farAway = await Client.CreateTask(planId, "Q4", 1, timing: OnDate("2099-12-31"));
        var past = await Client.CreateTask(planId, "Q1", 1, timing: OnDate("2001-01-01"));
        var june20 = await Client.CreateTask(planId, "Q2", 1, timing: OnDate("2026-06-20"));

        var response = await Client.GetAsync($"{TasksUrl}/{farAway["id"]}");
        var body = await response.ExpectJson(HttpStatusCode.OK);

        Assert.Equal("WithinDeadline", (string?)body["timeliness"]);
        Assert.Equal("Overdue", (string?)(await Client.GetTask(past["id"]!))["timeliness"]);
        Assert.Equal("DueSoon", (string?)(await Client.GetTask(june20["id"]!))["timeliness"]);
        // 00:30 on 21 June in Bắc Ninh is still 20 June in UTC: the deadline has passed there.
        Factory.PinClock(DateTimeOffset.Parse("2026-06-20T17:30:00Z", CultureInfo.InvariantCulture));
        Assert.Equal("Overdue", (string?)(await Client.GetTask(june20["id"]!))["timeliness"]);
        Factory.PinClock(DateTimeOffset.Parse("2026-06-20T16:30:00Z", CultureInfo.InvariantCulture));
        Assert.Equal("DueSoon", (string?)(await Client.GetTask(june20["id"]!))["timeliness"]);
        var tag = response.ETag();
        Assert.StartsWith($"\"{body["version"]}-", tag);
        var overdueThen = await Client.GetAsync($"{TasksUrl}/{farAway["id"]}?asOf=2100-01-02");
        Assert.Equal("Overdue", (string?)(await overdueThen.ExpectJson(HttpStatusCode.OK))["timeliness"]);
        Assert.StartsWith($"\"{body["version"]}-", overdueThen.ETag());
        Assert.NotEqual(tag, overdueThen.ETag());
    }
}

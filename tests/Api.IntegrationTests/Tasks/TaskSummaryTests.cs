using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>GET /api/v1/tasks/summary: counts by status and timeliness, grouped by lead unit, quarter or plan.</summary>
public sealed class TaskSummaryTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The progress reports below are dated in 2025 and 2026 (up to 30 July): the server's today must be later.</summary>
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private const string AsOf = "2026-06-25";
    private string _planId = "";

    /// <summary>
    /// The issued 2026 plan with five reports by SNV, their only lead: Q1/1 done on time, Q1/2 done late, Q2/2 and
    /// Recurring/2 in progress, Q3/1 not carried out. On 25 June 2026 that makes: 11 within deadline, 3 due soon,
    /// 6 overdue, 1 done on time, 1 done late, 7 without deadline. No cluster or bloc is organised for 2026, so Q1/3
    /// (led only by "Cụm trưởng, Khối trưởng") has no lead obligation: it is Unassigned (and still overdue, never done).
    /// </summary>
    private async Task Arrange()
    {
        _planId = (string)(await Client.ImportSeedPlan())["planId"]!;
        await Client.IssuePlan(_planId, "15/KH-UBND", "2026-01-20");
        var tasks = await Client.SeedTasks();
        await Client.Report(tasks[("Q1", 1)]["id"]!, "Done", "2026-03-20");
        await Client.Report(tasks[("Q1", 2)]["id"]!, "Done", "2026-04-05");
        await Client.Report(tasks[("Q2", 2)]["id"]!, "InProgress", "2026-06-01");
        await Client.Report(tasks[("Recurring", 2)]["id"]!, "InProgress", "2026-06-01");
        await Client.Report(tasks[("Q3", 1)]["id"]!, "NotCarriedOut", "2026-06-10");
    }

    private async Task<JsonNode> Summary(string query) =>
        await (await Client.GetAsync($"{TasksUrl}/summary?{query}")).ExpectJson(HttpStatusCode.OK);

    /// <summary>total, notStarted, inProgress, done, notCarriedOut, unassigned, cancelled, withinDeadline, dueSoon, overdue, doneOnTime, doneLate, noDeadline.</summary>
    private static int[] Counts(JsonNode counts) =>
        CountNames.Select(k => (int)counts[k]!).ToArray();

    private static readonly string[] CountNames =
        ["total", "notStarted", "inProgress", "done", "notCarriedOut", "unassigned", "cancelled", "withinDeadline", "dueSoon", "overdue", "doneOnTime", "doneLate", "noDeadline"];

    private static JsonNode GroupOf(JsonNode summary, string key) =>
        summary["groups"]!.AsArray().Single(g => (string?)g!["key"] == key)!;

    [Fact]
    public async Task Summary_ByLeadUnit_CountsEachLeadsTasksByStatusAndTimeliness()
    {
        await Arrange();

        var summary = await Summary($"year=2026&asOf={AsOf}");

        Assert.Equal("LeadUnit", (string?)summary["groupBy"]);
        Assert.Equal(AsOf, (string?)summary["asOf"]);
        Assert.Equal([29, 23, 2, 2, 1, 1, 0, 11, 3, 6, 1, 1, 7], Counts(summary["total"]!));
        // A task with two leads counts under each: 29 tasks, 31 lead places.
        Assert.Equal(["SNV", "AllLocalitiesAndUnits", "ClusterAndBlocLeaders", "HDTDKT", "UBND-TINH", "AllClustersAndBlocs", "SGDDT"],
            summary["groups"]!.AsArray().Select(g => (string?)g!["key"]));
        var snv = GroupOf(summary, "SNV");
        Assert.Equal("Sở Nội vụ", (string?)snv["label"]);
        Assert.Equal([20, 15, 2, 2, 1, 0, 0, 8, 3, 3, 1, 1, 4], Counts(snv["counts"]!));
        var council = GroupOf(summary, "HDTDKT");
        Assert.Equal("Hội đồng Thi đua - Khen thưởng tỉnh", (string?)council["label"]);
        Assert.Equal([2, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0], Counts(council["counts"]!));
        var leaders = GroupOf(summary, "ClusterAndBlocLeaders");
        Assert.Equal("Cụm trưởng, Khối trưởng", (string?)leaders["label"]);
        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0], Counts(leaders["counts"]!));
        Assert.Equal([2, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], Counts(GroupOf(summary, "UBND-TINH")["counts"]!));
        Assert.Equal(31, summary["groups"]!.AsArray().Sum(g => (int)g!["counts"]!["total"]!));
    }

    [Fact]
    public async Task Summary_ByLeadUnit_WithoutAYear_AnswersAsTheYearsOwn()
    {
        await Arrange();

        // With a year the leads come from the year's index (a hash join), without one from each task's probe: one answer.
        var byYear = await Summary($"year=2026&asOf={AsOf}");
        var byPlan = await Summary($"planId={_planId}&asOf={AsOf}");

        Assert.Equal(byYear.ToJsonString(), byPlan.ToJsonString());
        Assert.Equal(7, byPlan["groups"]!.AsArray().Count);
        Assert.Empty((await Summary($"year=2025&asOf={AsOf}"))["groups"]!.AsArray());
    }

    [Fact]
    public async Task Summary_ByQuarter_CountsEachAppendixGroup()
    {
        await Arrange();

        var summary = await Summary($"groupBy=Quarter&year=2026&asOf={AsOf}");

        Assert.Equal("Quarter", (string?)summary["groupBy"]);
        Assert.Equal(["Q4", "Q1", "Recurring", "Q2", "Q3"], summary["groups"]!.AsArray().Select(g => (string?)g!["key"]));
        var q1 = GroupOf(summary, "Q1");
        Assert.Equal("Quý I", (string?)q1["label"]);
        Assert.Equal([7, 4, 0, 2, 0, 1, 0, 0, 0, 5, 1, 1, 0], Counts(q1["counts"]!));
        Assert.Equal([4, 3, 1, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0], Counts(GroupOf(summary, "Q2")["counts"]!));
        Assert.Equal([4, 3, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0, 1], Counts(GroupOf(summary, "Q3")["counts"]!));
        Assert.Equal([8, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0], Counts(GroupOf(summary, "Q4")["counts"]!));
        var recurring = GroupOf(summary, "Recurring");
        Assert.Equal("Nhiệm vụ thường xuyên", (string?)recurring["label"]);
        Assert.Equal([6, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6], Counts(recurring["counts"]!));
        Assert.Equal([29, 23, 2, 2, 1, 1, 0, 11, 3, 6, 1, 1, 7], Counts(summary["total"]!));
    }

    [Fact]
    public async Task Summary_ByPlan_CountsEachPlan()
    {
        await Arrange();
        var other = await Client.CreatePlan(2025, "Kế hoạch năm 2025");
        await Client.CreateTask(other["id"]!, "Q1", 1, timing: Month(3));
        await Client.CreateTask(other["id"]!, "Q1", 2, timing: Recurring());

        var summary = await Summary($"groupBy=Plan&asOf={AsOf}");

        Assert.Equal([_planId, (string)other["id"]!], summary["groups"]!.AsArray().Select(g => (string?)g!["key"]));
        Assert.Equal($"{SeedTitle} (2026)", (string?)GroupOf(summary, _planId)["label"]);
        Assert.Equal([29, 23, 2, 2, 1, 1, 0, 11, 3, 6, 1, 1, 7], Counts(GroupOf(summary, _planId)["counts"]!));
        var small = GroupOf(summary, (string)other["id"]!);
        Assert.Equal("Kế hoạch năm 2025 (2025)", (string?)small["label"]);
        Assert.Equal([2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1], Counts(small["counts"]!));
        Assert.Equal(31, (int)summary["total"]!["total"]!);
    }

    [Theory]
    // SNV leads 20 tasks by name and 3 through "Các địa phương, đơn vị" (Q1/4, Recurring/3 and /4): the lead filter
    // matches the units holding a lead obligation (issue 12).
    [InlineData("leadUnitCode=SNV", 23, 2)]
    [InlineData("status=Done", 2, 2)]
    [InlineData("group=Q1", 7, 2)]
    [InlineData("q=giao%20duc", 3, 0)]
    public async Task Summary_TakesTheFeedsFilters(string filter, int total, int done)
    {
        await Arrange();

        var summary = await Summary($"groupBy=Quarter&year=2026&asOf={AsOf}&{filter}");

        Assert.Equal(total, (int)summary["total"]!["total"]!);
        Assert.Equal(done, (int)summary["total"]!["done"]!);
        Assert.Equal(total, summary["groups"]!.AsArray().Sum(g => (int)g!["counts"]!["total"]!));
        Assert.Equal(total, (int)(await Client.Feed($"year=2026&asOf={AsOf}&{filter}"))["totalCount"]!);
    }

    [Fact]
    public async Task Summary_WhenNoTaskMatches_AnswersZeroesAndNoGroups()
    {
        var summary = await Summary($"asOf={AsOf}");

        Assert.Equal(AsOf, (string?)summary["asOf"]);
        Assert.All(Counts(summary["total"]!), c => Assert.Equal(0, c));
        Assert.Empty(summary["groups"]!.AsArray());
    }

    [Theory]
    [InlineData("groupBy=Unit")]
    public async Task Summary_WhenGroupByIsUnknown_Returns400ListingTheGroupings(string query)
    {
        var problem = await (await Client.GetAsync($"{TasksUrl}/summary?{query}")).ExpectProblem(HttpStatusCode.BadRequest);

        var message = (string?)problem["errors"]!["groupBy"]![0];
        Assert.Contains("LeadUnit", message);
        Assert.Contains("Quarter", message);
        Assert.Contains("Plan", message);
    }
}

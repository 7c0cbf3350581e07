using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using EmulationApi.Infrastructure.Persistence;
using static EmulationApi.Api.IntegrationTests.Obligations.ObligationsApi;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>
/// The scorecard's tally (obligation_counts) is kept by the writers' triggers: after every kind of write to obligations
/// and their tasks — derivation at issue, reports, exemption, extension, a rejected completion, an amendment (a new
/// deadline, a task cancelled), a unit registered late, re-kinded, deactivated — it equals the tally rebuilt from the
/// obligations, and the scorecard read from it answers exactly what counting the obligations answers, on any date.
/// </summary>
public sealed class ObligationTallyTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 4, 15);

    // Every changedSince request counts the obligations themselves (the tally has no updatedAt): a moment before any
    // row existed matches them all, so its answer is the reference the tally's must equal.
    private const string CountingObligations = "changedSince=2000-01-01T00:00:00Z";

    private static readonly string[] Dates = ["2026-01-01", "2026-03-28", "2026-04-15", "2026-06-30", "2027-01-01"];

    private static readonly string[] Filters =
    [
        "year=2026", "year=2026&quarter=1", "month=6", "role=Lead", "status=Done", "status=InProgress&role=Coordinator",
        "timeliness=Overdue", "timeliness=DueSoon&quarter=1", "timeliness=NoDeadline", "unitCode=P-KINHBAC", "year=2027",
    ];

    /// <summary>Rows of the maintained tally missing from the rebuilt one and the other way round (0 and 0 when exact),
    /// and the maintained rows below 0 (a count subtracted twice).</summary>
    private async Task<(long Extra, long Missing, long Negative)> Drift()
    {
        var maintained = $"SELECT * FROM {ObligationCountSql.Table} WHERE count <> 0";
        var rebuilt = ObligationCountSql.RebuiltSql;
        return (await Factory.ScalarAsync<long>($"SELECT count(*) FROM ({maintained} EXCEPT {rebuilt}) x"),
            await Factory.ScalarAsync<long>($"SELECT count(*) FROM ({rebuilt} EXCEPT {maintained}) x"),
            await Factory.ScalarAsync<long>($"SELECT count(*) FROM {ObligationCountSql.Table} WHERE count < 0"));
    }

    private Task<HttpResponseMessage> PutUnit(object id, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{UnitsApi.Url}/{id}") { Content = JsonContent.Create(body, options: TestHttp.JsonOptions) };
        return Client.SendAsync(request);
    }

    private async Task MixedWrites()
    {
        var (planId, tasks) = await Client.IssuedSeedPlanWithLocalities();
        var (q14, q15, q16, q17) = (tasks[("Q1", 4)]["id"]!, tasks[("Q1", 5)]["id"]!, tasks[("Q1", 6)]["id"]!, tasks[("Q1", 7)]["id"]!);
        await Client.Report(q14, "Done", "2026-03-20", "P-DAPCAU");
        await Client.Report(q14, "Done", "2026-04-10", "X-PHUCHI");
        await Client.Report(q15, "InProgress", "2026-02-10", "P-DAPCAU");
        await Client.Report(q15, "NotCarriedOut", "2026-04-01", "X-PHUCHI");
        await Client.Report(q14, "NotCarriedOut", "2026-04-02", "SNV");
        await Client.Report(q16, "Done", "2026-04-12", "SNV");
        await Client.Report(tasks[("Q1", 1)]["id"]!, "Done", "2026-04-14", "SNV"); // after its deadline, 31 March: done late
        await (await Client.Act((await Client.ObligationOf("SNV", q16))["id"]!, "reject-completion", new { reason = "Chưa có báo cáo kết quả." })).ExpectJson(HttpStatusCode.OK);
        await (await Client.Exempt((await Client.ObligationOf("P-KINHBAC", q14))["id"]!)).ExpectJson(HttpStatusCode.OK);
        await (await Client.Extend((await Client.ObligationOf("SNV", tasks[("Q1", 2)]["id"]!))["id"]!, "2026-04-20")).ExpectJson(HttpStatusCode.OK);
        // An amendment: Q1/7 gets June as its deadline (every obligation of it moves to another key), Q1/5 is cancelled.
        var change = new { taskId = q17.ToString(), group = "Q1", sequence = 7, content = "Tổ chức hội nghị sơ kết", timing = Month(6), leads = new[] { Unit("SNV") }, coordinators = new[] { Unit("P-DAPCAU") } };
        await (await Client.Send(HttpMethod.Post, $"{PlansApi.Url}/{planId}/amendments", new
        {
            number = "20/KH-UBND", date = "2026-03-01", summary = "Điều chỉnh nhiệm vụ", changeTasks = new[] { change },
            cancelTasks = new[] { new { taskId = q15.ToString(), reason = "Không còn phù hợp" } },
        })).ExpectJson(HttpStatusCode.Created);
        await Client.RegisterUnits("Ward", "P-MOI"); // after the deadlines of Q1: its obligations arise late
        var dapCau = await Client.GetUnitByCode("P-DAPCAU");
        await (await PutUnit(dapCau["id"]!, new { name = "Xã Đáp Cầu", kind = "Commune" })).ExpectJson(HttpStatusCode.OK);
        await (await Client.PostAsync($"{UnitsApi.Url}/{(await Client.GetUnitByCode("X-PHUCHI"))["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ObligationCounts_AfterEveryKindOfWrite_EqualTheTallyRebuiltFromTheObligations()
    {
        await MixedWrites();

        Assert.Equal((0L, 0L, 0L), await Drift());
        Assert.True(await Factory.ScalarAsync<long>($"SELECT count(*) FROM {ObligationCountSql.Table} WHERE count <> 0") > 10);
        Assert.Equal(await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations WHERE state = 'Active'"),
            await Factory.ScalarAsync<long>($"SELECT sum(count) FROM {ObligationCountSql.Table}"));
        // The writes reached the tally's every part: withdrawn, exempted, arisen late, done late, extended, not carried out.
        Assert.True(await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations WHERE state = 'Withdrawn'") > 0);
        foreach (var part in new[] { "exempted", "arose_late", "done_late", "status = 'NotCarriedOut'", "deadline = '2026-04-20'" })
            Assert.True(await Factory.ScalarAsync<long>($"SELECT coalesce(sum(count), 0) FROM {ObligationCountSql.Table} WHERE {part}") > 0, part);
    }

    [Fact]
    public async Task RebuildObligationCounts_AfterEveryKindOfWrite_GivesTheMaintainedTallyBack()
    {
        await MixedWrites();
        var maintained = await Factory.ScalarAsync<string>(
            $"SELECT string_agg(c::text, ';' ORDER BY c::text) FROM {ObligationCountSql.Table} c WHERE count <> 0");

        // The bulk load's way (bench/data/generate.sql): the tally emptied and built again in one statement.
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM (SELECT emulation_rebuild_obligation_counts()) x"));

        Assert.Equal(maintained, await Factory.ScalarAsync<string>(
            $"SELECT string_agg(c::text, ';' ORDER BY c::text) FROM {ObligationCountSql.Table} c"));
        Assert.Equal((0L, 0L, 0L), await Drift());
        // Derived obligations carry time-ordered ids (version 7), as EF's rows do.
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations WHERE substr(id::text, 15, 1) <> '7'"));
    }

    [Fact]
    public async Task GetObligationScorecard_FromTheTally_AnswersWhatCountingTheObligationsAnswers_OnAnyDateAndFilter()
    {
        await MixedWrites();

        foreach (var groupBy in new[] { "Unit", "Kind", "Cluster" })
            foreach (var asOf in Dates)
                foreach (var filter in Filters)
                {
                    var query = $"groupBy={groupBy}&asOf={asOf}&{filter}&pageSize=200";
                    var tally = await Client.Scorecard(query);
                    var counted = await Client.Scorecard($"{query}&{CountingObligations}");
                    Assert.True(JsonNode.DeepEquals(Without(counted, "nextPage"), Without(tally, "nextPage")), $"{query}: {tally.ToJsonString()} vs {counted.ToJsonString()}");
                }
        // Not vacuous: on 2026-04-15 the 2026 plan's Quý I is overdue for some, done late for others.
        var card = await Client.Scorecard("groupBy=Unit&year=2026&asOf=2026-04-15");
        var total = card["total"]!.Counts();
        Assert.True(total[0] > 0 && total[3] > 0 && total[5] > 0 && total[6] > 0 && total[7] > 0 && total[8] > 0, string.Join(",", total));
    }

    /// <summary>A task's answer counts its active obligations per role and tally in one statement ((role, tally) cells,
    /// folded into the counts in memory: README, "Reads are projections"). The reference is the work list itself: every active obligation
    /// of the year read page by page and tallied here, one by one, from its own timeliness, exemption and late arrival.
    /// Checked on every task of the plan, on each date, through the three ways a task is read: the feed, the feed for a
    /// unit (its page found by the tasks' places), and the task alone.</summary>
    [Fact]
    public async Task TaskAnswers_CountEachActiveObligationUnderItsRoleAndTally_AsTheWorkListAnswersIt_OnAnyDate()
    {
        await MixedWrites();
        var cells = new HashSet<(string Role, int Cell)>();

        foreach (var asOf in Dates)
        {
            var expected = new Dictionary<(string Task, string Role), int[]>();
            for (var page = 1; ; page++)
            {
                var items = (await Client.Obligations($"year=2026&asOf={asOf}&pageSize=200&page={page}"))["items"]!.AsArray();
                foreach (var o in items)
                {
                    var key = ((string)o!["taskId"]!, (string)o["role"]!);
                    var counts = expected.TryGetValue(key, out var c) ? c : expected[key] = new int[9];
                    var timeliness = (string)o["timeliness"]!;
                    var cell = Array.IndexOf(CountNames, (bool)o["exempted"]! ? "exempted" : (bool)o["aroseLate"]! ? "aroseLate"
                        : char.ToLowerInvariant(timeliness[0]) + timeliness[1..]);
                    Assert.True(cell > 0, o.ToJsonString());
                    counts[0]++;
                    counts[cell]++;
                    cells.Add((key.Item2, cell));
                }
                if (items.Count < 200) break;
            }
            int[] Expected(string task, string role) => expected.TryGetValue((task, role), out var c) ? c : new int[9];

            var year = await Client.Feed($"year=2026&asOf={asOf}&pageSize=200");
            Assert.Null(year["nextPage"]); // every task of the year on this one page
            var feed = year["items"]!.AsArray();
            Assert.Empty(expected.Keys.Select(k => k.Task).Except(feed.Select(t => (string)t!["id"]!)));
            var forUnit = (await Client.Feed($"year=2026&unitCode=P-KINHBAC&asOf={asOf}&pageSize=200"))["items"]!.AsArray();
            Assert.NotEmpty(forUnit);
            foreach (var task in feed.Concat(forUnit).Append(await Client.GetTask(feed[0]!["id"]!, asOf)))
            {
                var id = (string)task!["id"]!;
                Assert.Equal(Expected(id, "Lead"), task["leadObligations"]!.Counts());
                Assert.Equal(Expected(id, "Coordinator"), task["coordinatorObligations"]!.Counts());
            }
        }
        // Not vacuous: across the dates the leads' obligations fell in every cell, the coordinators' in four.
        Assert.True(cells.Count(c => c.Role == "Lead") == 8 && cells.Count(c => c.Role == "Coordinator") >= 4, string.Join(",", cells));
    }

    [Fact]
    public async Task ObligationCounts_UnderConcurrentReporters_LoseNoCount()
    {
        string[] leads = [.. Enumerable.Range(1, 8).Select(i => $"L{i:00}")], coordinators = [.. Enumerable.Range(1, 8).Select(i => $"C{i:00}")];
        foreach (var code in leads.Concat(coordinators)) await Client.CreateUnit(code, $"Đơn vị {code}");
        var plan = await Client.CreatePlan(2026, "Kế hoạch thử năm 2026");
        var task = (string)(await Client.CreateTask(plan["id"]!, "Q1", 1, timing: Month(3), leads: [.. leads.Select(Unit)], coordinators: [.. coordinators.Select(Unit)]))["id"]!;
        await Client.IssuePlan(plan["id"]!, "15/KH-UBND", "2026-01-20");
        // Every unit's obligation moves to another key of the tally at once (leads done, one of them late; coordinators
        // in progress): the reports are held at their write until all 16 are in flight, then race for the tally's rows.
        var burst = leads.Select((code, i) => (Code: code, Status: "Done", On: i == 0 ? "2026-04-02" : $"2026-03-{i + 10:00}"))
            .Concat(coordinators.Select(code => (Code: code, Status: "InProgress", On: "2026-03-05"))).ToList();
        Task<HttpResponseMessage[]> sending;
        var gate = await Factory.HoldWritesAsync("progress_reports");
        try
        {
            sending = Task.WhenAll(burst.Select(r => Client.PostReport(task, r.Status, r.On, r.Code)));
            await gate.WaitForWaitingWritersAsync(burst.Count);
        }
        finally
        {
            await gate.DisposeAsync();
        }

        Assert.All(await sending, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((0L, 0L, 0L), await Drift());
        var card = await Client.Scorecard("groupBy=Unit&asOf=2026-04-15&pageSize=50");
        //                 total within dueSoon overdue onTime late noDeadline aroseLate exempted
        Assert.Equal([16, 0, 0, 8, 7, 1, 0, 0, 0], card["total"]!.Counts());
        Assert.Equal(16, (int)card["totalCount"]!);
    }

    private static JsonNode Without(JsonNode node, string property)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(property);
        return copy;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>What makes re-polling the feed cheap and complete: strong ETags with 304, and changedSince.</summary>
public sealed class TaskFeedChangesTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The progress reports below are dated in 2025 and 2026 (up to 30 July): the server's today must be later.</summary>
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private async Task<IReadOnlyDictionary<(string Group, int Sequence), JsonNode>> IssuedSeedPlan()
    {
        var answer = await Client.ImportSeedPlan();
        await Client.IssuePlan(answer["planId"]!, "15/KH-UBND", "2026-01-20");
        return await Client.SeedTasks();
    }

    private async Task<DateTimeOffset> LatestChange() =>
        (await Client.Feed("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();

    private async Task<(HttpResponseMessage Response, JsonNode? Body)> GetFeed(string query, string? ifNoneMatch)
    {
        var response = await Client.Send(HttpMethod.Get, $"{TasksUrl}?{query}", ifNoneMatch: ifNoneMatch);
        return (response, response.StatusCode == HttpStatusCode.NotModified ? null : await response.ExpectJson(HttpStatusCode.OK));
    }

    [Fact]
    public async Task ListTasks_WhenIfNoneMatchIsCurrent_Returns304_AndAfterAProgressReport200WithANewETag()
    {
        var tasks = await IssuedSeedPlan();
        const string query = "year=2026&leadUnitCode=SNV&asOf=2026-06-25";
        var (first, body) = await GetFeed(query, null);
        var etag = first.ETag();
        // SNV leads 20 tasks by name and 3 through "Các địa phương, đơn vị" (Q1/4, Recurring/3 and /4): the lead filter
        // matches the units holding a lead obligation (issue 12).
        Assert.Equal(23, (int)body!["totalCount"]!);

        var (again, none) = await GetFeed(query, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Null(none);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.ETag());

        // The ETag depends on the filters and the reference date.
        Assert.NotEqual(etag, (await GetFeed("year=2026&leadUnitCode=SNV&asOf=2026-06-26", null)).Response.ETag());
        Assert.NotEqual(etag, (await GetFeed("year=2026&leadUnitCode=HDTDKT&asOf=2026-06-25", null)).Response.ETag());
        Assert.Equal(HttpStatusCode.OK, (await GetFeed("year=2026&leadUnitCode=SNV&asOf=2026-06-26", etag)).Response.StatusCode);

        await Client.Report(tasks[("Q2", 1)]["id"]!, "Done", "2026-04-20");

        var (changed, changedBody) = await GetFeed(query, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.ETag());
        Assert.Equal("Done", (string?)changedBody!["items"]!.AsArray().Single(t => (string?)t!["id"] == (string?)tasks[("Q2", 1)]["id"])!["status"]);
        Assert.Equal(HttpStatusCode.NotModified, (await GetFeed(query, changed.ETag())).Response.StatusCode);
    }

    [Fact]
    public async Task ListTasks_WhenALeadUnitIsRenamed_TheETagChangesAndThePageShowsTheNewName()
    {
        await Client.ImportSeedPlan();
        var (first, _) = await GetFeed("year=2026&leadUnitCode=HDTDKT", null);
        var council = await Units.UnitsApi.GetUnitByCode(Client, "HDTDKT");

        await (await Client.Send(HttpMethod.Put, $"{Units.UnitsApi.Url}/{council["id"]}",
            new { name = "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh", kind = "Council", shortName = "Hội đồng TĐKT tỉnh" })).ExpectJson(HttpStatusCode.OK);

        var (after, body) = await GetFeed("year=2026&leadUnitCode=HDTDKT", first.ETag());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.All(body!["items"]!.AsArray(), t => Assert.Equal("Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh", (string?)t!["leads"]![0]!["unitName"]));
    }

    /// <summary>Items show their plan's year: a draft plan moved to another year must not let a client keep the old one.</summary>
    [Fact]
    public async Task ListTasks_WhenTheDraftPlansYearChanges_TheETagChangesAndTheItemsShowTheNewYear()
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan(year: 2025);
        await Client.CreateTask(plan["id"]!, "Q1", 1, "Nhiệm vụ 1", Month(3));
        var query = $"planId={plan["id"]}";
        var (first, _) = await GetFeed(query, null);
        Assert.Equal(HttpStatusCode.NotModified, (await GetFeed(query, first.ETag())).Response.StatusCode);

        await (await Client.Send(HttpMethod.Put, $"{Url}/{plan["id"]}", new { year = 2026, title = "Kế hoạch thử nghiệm" })).ExpectJson(HttpStatusCode.OK);

        var (after, body) = await GetFeed(query, first.ETag());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(first.ETag(), after.ETag());
        Assert.Equal(2026, (int)body!["items"]![0]!["planYear"]!);
    }

    [Fact]
    public async Task GetTask_WhenIfNoneMatchIsCurrent_Returns304_AndAfterAProgressReport200WithANewETag()
    {
        var tasks = await IssuedSeedPlan();
        var id = tasks[("Q3", 2)]["id"]!;
        var first = await Client.GetAsync($"{TasksUrl}/{id}?asOf=2026-07-01");
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.ETag();

        var again = await Client.Send(HttpMethod.Get, $"{TasksUrl}/{id}?asOf=2026-07-01", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        // Another reference day is another representation (timeliness may differ).
        Assert.Equal(HttpStatusCode.OK, (await Client.Send(HttpMethod.Get, $"{TasksUrl}/{id}?asOf=2026-07-30", ifNoneMatch: etag)).StatusCode);

        await Client.Report(id, "InProgress", "2026-07-15");

        var changed = await Client.Send(HttpMethod.Get, $"{TasksUrl}/{id}?asOf=2026-07-01", ifNoneMatch: etag);
        var body = await changed.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("InProgress", (string?)body["status"]);
        Assert.NotEqual(etag, changed.ETag());
    }

    /// <summary>A task's representation names its units (unitName); a strong ETag must not let a client keep the old name.</summary>
    [Fact]
    public async Task GetTask_WhenItsLeadUnitIsRenamed_Answers200WithTheNewNameRatherThan304()
    {
        var tasks = await IssuedSeedPlan();
        var id = tasks[("Q3", 4)]["id"]!; // led by the council
        var first = await Client.GetAsync($"{TasksUrl}/{id}?asOf=2026-07-01");
        Assert.Equal("Hội đồng Thi đua - Khen thưởng tỉnh", (string?)(await first.ExpectJson(HttpStatusCode.OK))["leads"]![0]!["unitName"]);
        var council = await Units.UnitsApi.GetUnitByCode(Client, "HDTDKT");
        await (await Client.Send(HttpMethod.Put, $"{Units.UnitsApi.Url}/{council["id"]}",
            new { name = "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh", kind = "Council", shortName = "Hội đồng TĐKT tỉnh" })).ExpectJson(HttpStatusCode.OK);

        var again = await Client.Send(HttpMethod.Get, $"{TasksUrl}/{id}?asOf=2026-07-01", ifNoneMatch: first.ETag());

        var body = await again.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Hội đồng Thi đua - Khen thưởng tỉnh Bắc Ninh", (string?)body["leads"]![0]!["unitName"]);
    }

    [Fact]
    public async Task ListTasks_ChangedSince_ReturnsOnlyTasksChangedAfterTheInstant_IncludingProgressReports()
    {
        var tasks = await IssuedSeedPlan();
        var cursor = await LatestChange();
        Assert.Empty((await Client.Feed($"changedSince={Instant(cursor)}"))["items"]!.AsArray());

        await Client.Report(tasks[("Q3", 2)]["id"]!, "InProgress", "2026-07-10");
        await Client.Report(tasks[("Q1", 1)]["id"]!, "Done", "2026-03-20");

        var page = await Client.Feed($"changedSince={Instant(cursor)}&sort=updatedAt");
        Assert.Equal([("Q3", 2), ("Q1", 1)], page.Keys());
        Assert.Equal(2, (int)page["totalCount"]!);
        Assert.Equal(["InProgress", "Done"], page["items"]!.AsArray().Select(t => (string?)t!["status"]));
        Assert.All(page["items"]!.AsArray(), t => Assert.True(t!.UpdatedAt() > cursor));

        var last = page["items"]![1]!.UpdatedAt();
        Assert.Empty((await Client.Feed($"changedSince={Instant(last)}&sort=updatedAt"))["items"]!.AsArray());
        var middle = page["items"]![0]!.UpdatedAt();
        Assert.Equal([("Q1", 1)], (await Client.Feed($"changedSince={Instant(middle)}&sort=updatedAt")).Keys());
        // -updatedAt is the reverse order.
        Assert.Equal([("Q1", 1), ("Q3", 2)], (await Client.Feed($"changedSince={Instant(cursor)}&sort=-updatedAt")).Keys());
    }

    [Fact]
    public async Task ListTasks_ChangedSinceWithAVietnameseOffset_MeansTheSameInstantAsInUtc()
    {
        var tasks = await IssuedSeedPlan();
        var cursor = await LatestChange();
        await Client.Report(tasks[("Q3", 2)]["id"]!, "InProgress", "2026-07-10");

        var inUtc = await Client.Feed($"changedSince={Instant(cursor)}");
        var inHanoi = await Client.Feed($"changedSince={Instant(cursor.ToOffset(TimeSpan.FromHours(7)))}");

        Assert.Equal([("Q3", 2)], inUtc.Keys());
        Assert.Equal(inUtc.Keys(), inHanoi.Keys());
    }

    [Fact]
    public async Task ListTasks_WhenALaterImportResolvesNamesOfTasks_ChangedSinceShowsThoseTasks()
    {
        var answer = await Client.ImportSeedPlan(withUnits: false);
        Assert.NotEmpty(answer["unresolved"]!.AsArray());
        var cursor = await LatestChange();
        var before = await Client.SeedTasks();

        await Client.LoadSeedUnits();
        var again = await (await Client.ImportPlanText(SeedPlanText)).ExpectJson(HttpStatusCode.OK);

        Assert.Empty(again["unresolved"]!.AsArray());
        var updated = (int)again["tasksUpdated"]!;
        Assert.True(updated > 0);
        var after = await Client.SeedTasks();
        Assert.Equal(["SNV"], after[("Q1", 1)].Codes("leads"));
        var changed = await Client.Feed($"changedSince={Instant(cursor)}&pageSize=200");
        Assert.Equal(updated, (int)changed["totalCount"]!);
        Assert.Contains(changed["items"]!.AsArray(), t => (string?)t!["id"] == (string?)before[("Q1", 1)]["id"]);
        Assert.NotEqual((uint)before[("Q1", 1)]["version"]!, (uint)after[("Q1", 1)]["version"]!);
    }

    /// <summary>
    /// The README's polling recipe under load: progress reports land concurrently while a poller asks for
    /// changedSince=&lt;largest updatedAt seen&gt; with sort=updatedAt. Every change must be seen exactly once.
    /// Each report is made by the task's lead, so that it decides the task's status: the 25 tasks of the seed plan with
    /// exactly one lead obligation (Q1/3 has none while no cluster is organised; Q1/4 and Recurring/3–4 are led by every
    /// locality and unit).
    /// </summary>
    [Fact]
    public async Task ListTasks_PollingWithChangedSinceUnderConcurrentReports_SeesEveryChangeExactlyOnce()
    {
        var tasks = await IssuedSeedPlan();
        var soleLeads = (await Factory.ObligationsAsync("o.role = 'Lead' AND o.state = 'Active'"))
            .GroupBy(o => o.TaskId.ToString()).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().UnitCode);
        var ids = tasks.OrderBy(t => t.Key.Group, StringComparer.Ordinal).ThenBy(t => t.Key.Sequence).Select(t => (string)t.Value["id"]!)
            .Where(soleLeads.ContainsKey).ToList();
        Assert.Equal(25, ids.Count);
        var start = await LatestChange();
        var seen = new List<(string Id, DateTimeOffset UpdatedAt, string Status)>();
        using var writersDone = new CancellationTokenSource();

        async Task Poll()
        {
            var cursor = start;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested; // read before polling: a poll that starts after the writers finished sees everything
                var page = await Client.Feed($"changedSince={Instant(cursor)}&sort=updatedAt&pageSize=5");
                var items = page["items"]!.AsArray().Select(t => t!).ToList();
                foreach (var item in items)
                {
                    var updatedAt = item.UpdatedAt();
                    Assert.True(updatedAt > cursor, "an item at or before the cursor");
                    seen.Add(((string)item["id"]!, updatedAt, (string)item["status"]!));
                    cursor = updatedAt;
                }
                if (items.Count == 0 && finished) return;
                if (items.Count == 0) await Task.Yield();
            }
        }

        var poller = Task.Run(Poll);
        // Round 1: 20 tasks start at once. Round 2: 10 of them are done and the 5 others start, at once.
        var round1 = await Task.WhenAll(ids.Take(20).Select(id => Client.PostReport(id, "InProgress", "2026-01-25", soleLeads[id])));
        var round2 = await Task.WhenAll(ids.Take(10).Select(id => Client.PostReport(id, "Done", "2026-02-01", soleLeads[id]))
            .Concat(ids.Skip(20).Select(id => Client.PostReport(id, "InProgress", "2026-02-01", soleLeads[id]))));
        writersDone.Cancel();
        await poller;

        Assert.All(round1.Concat(round2), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var final = await Client.SeedTasks();
        Assert.Equal(35L, await Factory.Count("progress_reports"));
        // Never repeated: no (task, updatedAt) twice, and the cursor only moved forward.
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Select(s => s.UpdatedAt).Order(), seen.Select(s => s.UpdatedAt));
        // Never missed: every task's final state was seen, and nothing else.
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal));
        foreach (var task in final.Values.Where(t => ids.Contains((string)t["id"]!)))
        {
            var last = seen.Last(s => s.Id == (string)task["id"]!);
            Assert.Equal(task.UpdatedAt(), last.UpdatedAt);
            Assert.Equal((string?)task["status"], last.Status);
        }
        Assert.Equal(10, final.Values.Count(t => (string?)t["status"] == "Done"));
        Assert.Equal(15, final.Values.Count(t => (string?)t["status"] == "InProgress"));
        // The 5 tasks changed once were seen once.
        Assert.All(ids.Skip(20), id => Assert.Single(seen, s => s.Id == id));
    }
}

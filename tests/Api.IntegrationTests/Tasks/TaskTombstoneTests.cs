using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>The feed never loses a deletion: a task deleted from a draft appears once under changedSince, as a tombstone.</summary>
public sealed class TaskTombstoneTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<(string PlanId, List<string> Ids)> DraftPlan(int tasks)
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan();
        var ids = new List<string>();
        for (var i = 1; i <= tasks; i++)
            ids.Add((string)(await Client.CreateTask(plan["id"]!, i % 2 == 0 ? "Q2" : "Q1", i, $"Nhiệm vụ {i}", i % 2 == 0 ? Quarter(2) : Month(3)))["id"]!);
        return ((string)plan["id"]!, ids);
    }

    private async Task<DateTimeOffset> LatestChange() =>
        (await Client.Feed("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();

    private Task<HttpResponseMessage> Delete(string id) => Client.DeleteAsync($"{TasksUrl}/{id}");

    private Task<HttpResponseMessage> Rewrite(string id, int sequence, string content) =>
        Client.Send(HttpMethod.Put, $"{TasksUrl}/{id}", TaskBody(sequence % 2 == 0 ? "Q2" : "Q1", sequence, content, sequence % 2 == 0 ? Quarter(2) : Month(3)));

    [Fact]
    public async Task ListTasks_ChangedSince_ShowsADeletedTaskOnceAsATombstone_InOrderWithTheOtherChanges()
    {
        var (planId, ids) = await DraftPlan(3);
        var cursor = await LatestChange();
        var before = await Client.GetAsync($"{TasksUrl}?changedSince={Instant(cursor)}&sort=updatedAt");
        Assert.Empty((await before.ExpectJson(HttpStatusCode.OK))["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(ids[1])).StatusCode);
        await (await Rewrite(ids[2], 3, "Nhiệm vụ 3, sửa")).ExpectJson(HttpStatusCode.OK);

        var response = await Client.Send(HttpMethod.Get, $"{TasksUrl}?changedSince={Instant(cursor)}&sort=updatedAt", ifNoneMatch: before.ETag());
        var page = await response.ExpectJson(HttpStatusCode.OK);
        Assert.NotEqual(before.ETag(), response.ETag());
        Assert.Equal(2, (int)page["totalCount"]!);
        var (tombstone, changed) = (page["items"]![0]!, page["items"]![1]!);
        Assert.Equal(ids[1], (string?)tombstone["id"]);
        Assert.True((bool)tombstone["deleted"]!);
        Assert.Equal(planId, (string?)tombstone["planId"]);
        Assert.Equal(2025, (int)tombstone["planYear"]!);
        Assert.Equal(("Q2", 2), ((string)tombstone["group"]!, (int)tombstone["sequence"]!));
        Assert.Equal("2025-06-30", (string?)tombstone["deadline"]);
        foreach (var field in new[] { "content", "timing", "leads", "coordinators", "status", "timeliness", "reportCount", "leadObligations", "createdAt", "version" })
            Assert.Null(tombstone[field]);
        Assert.True(tombstone.UpdatedAt() > cursor);
        Assert.Equal(ids[2], (string?)changed["id"]);
        Assert.False((bool)changed["deleted"]!);
        Assert.Equal("Nhiệm vụ 3, sửa", (string?)changed["content"]);
        Assert.True(changed.UpdatedAt() > tombstone.UpdatedAt());

        // Once: the cursor past the tombstone leaves it behind; past the last item nothing is left.
        Assert.Equal([ids[2]], (await Client.Feed($"changedSince={Instant(tombstone.UpdatedAt())}&sort=updatedAt"))["items"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Empty((await Client.Feed($"changedSince={Instant(changed.UpdatedAt())}&sort=updatedAt"))["items"]!.AsArray());
        // Newest first puts it last; the plan's order puts it in its place.
        Assert.Equal([ids[2], ids[1]], (await Client.Feed($"changedSince={Instant(cursor)}&sort=-updatedAt"))["items"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal([ids[2], ids[1]], (await Client.Feed($"changedSince={Instant(cursor)}"))["items"]!.AsArray().Select(t => (string)t!["id"]!));
        // Paging counts tombstones like tasks.
        var first = await Client.Feed($"changedSince={Instant(cursor)}&sort=updatedAt&pageSize=1");
        Assert.Equal([ids[1]], first["items"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal(2, (int)first["totalCount"]!);
        Assert.NotNull((string?)first["nextPage"]);
    }

    [Fact]
    public async Task ListTasks_Tombstones_FollowThePlaceFiltersAndPassTheOthers_AndStayOutOfTheDefaultView()
    {
        var (planId, ids) = await DraftPlan(2);
        var other = await Client.CreatePlan(2026, "Kế hoạch khác");
        var cursor = await LatestChange();
        Assert.Equal(HttpStatusCode.NoContent, (await Delete(ids[1])).StatusCode); // Q2 2, deadline 2025-06-30

        string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(t => (string)t!["id"]!).ToArray();
        var since = $"changedSince={Instant(cursor)}";
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&planId={planId}")));
        Assert.Empty(Ids(await Client.Feed($"{since}&planId={other["id"]}")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&year=2025")));
        Assert.Empty(Ids(await Client.Feed($"{since}&year=2026")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&group=Q2")));
        Assert.Empty(Ids(await Client.Feed($"{since}&group=Q1")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&quarter=2")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&month=6")));
        Assert.Empty(Ids(await Client.Feed($"{since}&month=3")));
        // A client may hold the task under a filter on what a living task is: it must learn that the task is gone.
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&leadUnitCode=STC")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&status=Done")));
        Assert.Equal([ids[1]], Ids(await Client.Feed($"{since}&q=nothing-matches")));
        // Without changedSince the feed lists living tasks only.
        Assert.Equal([ids[0]], Ids(await Client.Feed($"planId={planId}")));
        await (await Client.GetAsync($"{TasksUrl}/{ids[1]}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListTasks_WhenATaskIsDeleted_TheETagOfTheDefaultViewChangesToo()
    {
        var (planId, ids) = await DraftPlan(2);
        var before = await Client.GetAsync($"{TasksUrl}?planId={planId}");
        await before.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.Send(HttpMethod.Get, $"{TasksUrl}?planId={planId}", ifNoneMatch: before.ETag())).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(ids[0])).StatusCode);

        var after = await Client.Send(HttpMethod.Get, $"{TasksUrl}?planId={planId}", ifNoneMatch: before.ETag());
        Assert.Equal(1, (int)(await after.ExpectJson(HttpStatusCode.OK))["totalCount"]!);
        Assert.NotEqual(before.ETag(), after.ETag());
    }

    /// <summary>
    /// A unit's page is read in two statements (its places with their count, then its tasks by id) of one snapshot:
    /// while tasks are deleted, every page is whole and agrees with its own count — never a 500, never a hole left by
    /// a task deleted between the two reads.
    /// </summary>
    [Fact]
    public async Task ListTasks_ForAUnitWhileItsTasksAreDeleted_EveryPageAgreesWithItsCount()
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan();
        var ids = new List<string>();
        for (var i = 1; i <= 40; i++)
            ids.Add((string)(await Client.CreateTask(plan["id"]!, "Q1", i, $"Nhiệm vụ {i}", Month(3), [Unit("SNV")]))["id"]!);
        using var deleted = new CancellationTokenSource();
        var pages = new System.Collections.Concurrent.ConcurrentBag<JsonNode>();

        async Task Read()
        {
            while (!deleted.IsCancellationRequested)
                pages.Add(await (await Client.GetAsync($"{TasksUrl}?leadUnitCode=SNV&pageSize=10")).ExpectJson(HttpStatusCode.OK));
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(Read)).ToList();
        foreach (var id in ids.Take(30)) // Q1/1, Q1/2, … in order: from the page read, the survivors always the last ones
            Assert.Equal(HttpStatusCode.NoContent, (await Delete(id)).StatusCode);
        await deleted.CancelAsync();
        await Task.WhenAll(readers);

        Assert.All(pages, page =>
        {
            var left = (int)page["totalCount"]!;
            var expected = Enumerable.Range(41 - left, Math.Min(left, 10)).ToList();
            Assert.Equal(expected, page.Keys().Select(k => k.Sequence));
        });
        Assert.Contains(pages, page => (int)page["totalCount"]! is > 10 and < 40);
    }

    /// <summary>
    /// The polling recipe under concurrent writers that delete and rewrite tasks: every change is seen exactly once and
    /// in order; each deleted task's tombstone once, after the task's earlier changes.
    /// </summary>
    [Fact]
    public async Task ListTasks_PollingWithChangedSinceUnderConcurrentDeletesAndRewrites_SeesEveryDeletionExactlyOnce()
    {
        var (_, ids) = await DraftPlan(24);
        var start = await LatestChange();
        var seen = new List<(string Id, DateTimeOffset UpdatedAt, bool Deleted)>();
        using var writersDone = new CancellationTokenSource();

        async Task Poll()
        {
            var cursor = start;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await Client.Feed($"changedSince={Instant(cursor)}&sort=updatedAt&pageSize=4");
                var items = page["items"]!.AsArray().Select(t => t!).ToList();
                foreach (var item in items)
                {
                    var updatedAt = item.UpdatedAt();
                    Assert.True(updatedAt > cursor, "an item at or before the cursor");
                    seen.Add(((string)item["id"]!, updatedAt, (bool)item["deleted"]!));
                    cursor = updatedAt;
                }
                if (items.Count == 0 && finished) return;
                if (items.Count == 0) await Task.Yield();
            }
        }

        var poller = Task.Run(Poll);
        // Round 1: tasks 1–16 rewritten at once. Round 2: tasks 1–8 deleted while 17–24 are rewritten, at once.
        var round1 = await Task.WhenAll(ids.Take(16).Select((id, i) => Rewrite(id, i + 1, $"Nhiệm vụ {i + 1}, sửa")));
        var round2 = await Task.WhenAll(ids.Take(8).Select(Delete)
            .Concat(ids.Skip(16).Select((id, i) => Rewrite(id, i + 17, $"Nhiệm vụ {i + 17}, sửa"))));
        writersDone.Cancel();
        await poller;

        Assert.All(round1, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(round2.Take(8), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.All(round2.Skip(8), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(8L, await Factory.Count("task_tombstones"));
        // Never repeated, in order.
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Select(s => s.UpdatedAt).Order(), seen.Select(s => s.UpdatedAt));
        // Each deletion once, as the task's last change; every surviving task's last change seen.
        Assert.Equal(ids.Take(8).Order(StringComparer.Ordinal), seen.Where(s => s.Deleted).Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(ids.Take(8), id => Assert.True(seen.Last(s => s.Id == id).Deleted));
        var survivors = (await Client.Feed("pageSize=200"))["items"]!.AsArray().ToDictionary(t => (string)t!["id"]!, t => t!.UpdatedAt());
        Assert.Equal(ids.Skip(8).Order(StringComparer.Ordinal), survivors.Keys.Order(StringComparer.Ordinal));
        Assert.All(survivors, s => Assert.Equal(s.Value, seen.Last(x => x.Id == s.Key).UpdatedAt));
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal));
    }
}

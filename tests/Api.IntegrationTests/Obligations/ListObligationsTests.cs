using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>The work list (việc của tôi) on the 2026 plan's real rows, issued with two wards, a commune and a cluster.</summary>
public sealed class ListObligationsTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 6, 25);

    /// <summary>What the plan gives a ward that leads no cluster: "Các địa phương, đơn vị" (and its spellings) and "Các xã, phường".</summary>
    private static readonly (string Group, int Sequence, string Role, string Source)[] WardWork =
    [
        ("Q1", 4, "Lead", "AllLocalitiesAndUnits"), ("Q1", 5, "Coordinator", "AllLocalitiesAndUnits"),
        ("Q2", 3, "Coordinator", "AllLocalitiesAndUnits"), ("Q2", 4, "Coordinator", "AllCommunesAndWards"),
        ("Q3", 1, "Coordinator", "AllLocalitiesAndUnits"), ("Q3", 3, "Coordinator", "AllCommunesAndWards"),
        ("Q4", 3, "Coordinator", "AllLocalitiesAndUnits"), ("Q4", 5, "Coordinator", "AllLocalitiesAndUnits"),
        ("Q4", 6, "Coordinator", "AllLocalitiesAndUnits"), ("Q4", 7, "Coordinator", "AllLocalitiesAndUnits"),
        ("Recurring", 1, "Coordinator", "AllLocalitiesAndUnits"), ("Recurring", 3, "Lead", "AllLocalitiesAndUnits"),
        ("Recurring", 4, "Lead", "AllLocalitiesAndUnits"), ("Recurring", 5, "Coordinator", "AllLocalitiesAndUnits"),
        ("Recurring", 6, "Coordinator", "AllLocalitiesAndUnits"),
    ];

    private async Task<(HttpResponseMessage Response, JsonNode? Body)> GetList(string query, string? ifNoneMatch)
    {
        var response = await Client.Send(HttpMethod.Get, $"{ObligationsApi.Url}?{query}", ifNoneMatch: ifNoneMatch);
        return (response, response.StatusCode == HttpStatusCode.NotModified ? null : await response.ExpectJson(HttpStatusCode.OK));
    }

    [Fact]
    public async Task ListObligations_ForAWardOnTheIssuedSeedPlan_ShowsTheTasksItsGroupsGiveIt_InPlanOrder()
    {
        var (planId, tasks) = await Client.IssuedSeedPlanWithLocalities();

        var page = await Client.Obligations("unitCode=p-dapcau&pageSize=200");

        Assert.Equal(15, (int)page["totalCount"]!);
        var items = page["items"]!.AsArray().Select(o => o!).ToList();
        Assert.Equal(WardWork.Select(w => (w.Group, w.Sequence, w.Role, w.Source)),
            items.Select(o => ((string)o["group"]!, (int)o["sequence"]!, (string)o["role"]!, (string)o["sourceGroup"]!)));
        Assert.All(items, o =>
        {
            Assert.Equal("P-DAPCAU", (string?)o["unit"]!["code"]);
            Assert.Equal("Ward", (string?)o["unit"]!["kind"]);
            Assert.Equal(planId, (string?)o["planId"]);
            Assert.Equal(2026, (int)o["planYear"]!);
            Assert.Equal("Active", (string?)o["state"]);
            Assert.Equal("NotStarted", (string?)o["status"]);
            Assert.Equal("2026-01-20", (string?)o["aroseOn"]);
            Assert.False((bool)o["aroseLate"]!);
            Assert.Equal(tasks[((string)o["group"]!, (int)o["sequence"]!)]["id"]!.ToString(), (string?)o["taskId"]);
            Assert.Equal(tasks[((string)o["group"]!, (int)o["sequence"]!)]["content"]!.ToString(), (string?)o["taskContent"]);
        });
        var q14 = items[0];
        Assert.Equal("2026-03-31", (string?)q14["deadline"]);
        Assert.Equal("2026-03-31", (string?)q14["taskDeadline"]);
        Assert.Equal("Overdue", (string?)q14["timeliness"]);
        Assert.Null((string?)items[^1]["deadline"]);
        Assert.Equal("NoDeadline", (string?)items[^1]["timeliness"]);
        // The task feed agrees: the ward reaches exactly these tasks, through their groups.
        var feed = await Client.Feed("unitCode=P-DAPCAU&pageSize=200");
        Assert.Equal(items.Select(o => (string)o["taskId"]!).Order(), feed["items"]!.AsArray().Select(t => (string)t!["id"]!).Order());
        // The cluster's leader holds the cluster's share besides: Q1 3 is led by "Cụm trưởng, Khối trưởng".
        var leader = await Client.Obligations("unitCode=P-KINHBAC&role=Lead&pageSize=200");
        Assert.Equal([("Q1", 3, "P-KINHBAC"), ("Q1", 4, "P-KINHBAC"), ("Recurring", 3, "P-KINHBAC"), ("Recurring", 4, "P-KINHBAC")], leader.ObligationKeys());
        Assert.Equal("ClusterAndBlocLeaders", (string?)leader["items"]![0]!["sourceGroup"]);
        Assert.NotNull(leader["items"]![0]!["clusterId"]);
    }

    [Fact]
    public async Task ListObligations_ForAUnitClient_NeedsItsOwnUnit_400WithoutUnitCode_403ForAnother()
    {
        var (_, tasks) = await Client.IssuedSeedPlanWithLocalities();
        using var ward = Factory.ClientWithKey(await Client.CreateKey("Unit", "P-DAPCAU"));

        var missing = await (await ward.GetAsync(ObligationsApi.Url)).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("unitCode=P-DAPCAU", (string?)missing["errors"]!["unitCode"]![0]);
        var other = await (await ward.GetAsync($"{ObligationsApi.Url}?unitCode=P-KINHBAC")).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("P-KINHBAC", (string?)other["detail"]);

        var own = await ward.Obligations("unitCode=p-dapcau&pageSize=200");
        Assert.Equal(15, (int)own["totalCount"]!);
        Assert.All(own["items"]!.AsArray(), o => Assert.Equal("P-DAPCAU", (string?)o!["unit"]!["code"]));

        // One obligation: its own, yes; another unit's, no.
        var mine = own["items"]![0]!;
        Assert.Equal((string?)mine["id"], (string?)(await ward.GetObligation(mine["id"]!))["obligation"]!["id"]);
        var theirs = await Client.ObligationOf("P-KINHBAC", tasks[("Q1", 4)]["id"]!);
        await (await ward.GetAsync($"{ObligationsApi.Url}/{theirs["id"]}")).ExpectProblem(HttpStatusCode.Forbidden);
        // Editors and readers read any unit's, and the whole list.
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));
        Assert.Equal(17, (int)(await reader.Obligations("unitCode=P-KINHBAC&pageSize=1"))["totalCount"]!);
        Assert.Equal(276, (int)(await reader.Obligations("pageSize=1"))["totalCount"]!);
    }

    [Fact]
    public async Task ListObligations_Filters_ByRolePeriodStatusTimelinessPlanAndState()
    {
        var (planId, tasks) = await Client.IssuedSeedPlanWithLocalities();
        await Client.Report(tasks[("Q1", 4)]["id"]!, "Done", "2026-06-20", "P-DAPCAU");
        const string ward = "unitCode=P-DAPCAU&pageSize=200&asOf=2026-06-25";

        Assert.Equal([("Q1", 4, "P-DAPCAU"), ("Recurring", 3, "P-DAPCAU"), ("Recurring", 4, "P-DAPCAU")], (await Client.Obligations($"{ward}&role=Lead")).ObligationKeys());
        Assert.Equal([("Q2", 3, "P-DAPCAU"), ("Q2", 4, "P-DAPCAU")], (await Client.Obligations($"{ward}&quarter=2")).ObligationKeys());
        Assert.Equal([("Q3", 1, "P-DAPCAU")], (await Client.Obligations($"{ward}&month=7")).ObligationKeys());
        Assert.Equal([("Q1", 4, "P-DAPCAU")], (await Client.Obligations($"{ward}&status=Done")).ObligationKeys());
        Assert.Equal([("Q1", 4, "P-DAPCAU")], (await Client.Obligations($"{ward}&timeliness=DoneLate")).ObligationKeys());
        Assert.Equal([("Q1", 5, "P-DAPCAU")], (await Client.Obligations($"{ward}&timeliness=Overdue")).ObligationKeys());
        Assert.Equal([("Q2", 3, "P-DAPCAU"), ("Q2", 4, "P-DAPCAU")], (await Client.Obligations($"{ward}&timeliness=DueSoon")).ObligationKeys());
        Assert.Equal(15, (int)(await Client.Obligations($"{ward}&planId={planId}&year=2026"))["totalCount"]!);
        Assert.Equal(0, (int)(await Client.Obligations($"{ward}&year=2027"))["totalCount"]!);
        var done = (await Client.Obligations($"{ward}&status=Done"))["items"]![0]!;
        Assert.Equal("2026-06-20", (string?)done["completedOn"]);
        Assert.Equal("Pending", (string?)done["review"]);
        Assert.Equal(1, (int)done["reportCount"]!);

        // A deactivated unit's obligations leave the default view and stay readable as withdrawn.
        var unit = await UnitsApi.GetUnitByCode(Client, "P-DAPCAU");
        await (await Client.PostAsync($"{UnitsApi.Url}/{unit["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, (int)(await Client.Obligations(ward))["totalCount"]!);
        var withdrawn = await Client.Obligations($"{ward}&state=Withdrawn");
        Assert.Equal(15, (int)withdrawn["totalCount"]!);
        Assert.All(withdrawn["items"]!.AsArray(), o => Assert.Equal("2026-06-25", (string?)o!["withdrawnOn"]));
        Assert.Equal("Done", (string?)withdrawn["items"]![0]!["status"]); // its progress is kept
        Assert.Equal(15, (int)(await Client.Obligations($"{ward}&state=Active&state=Withdrawn"))["totalCount"]!);
    }

    [Fact]
    public async Task ListObligations_Sorts_ByDeadlineEitherWay_WithNoDeadlineLast()
    {
        await Client.IssuedSeedPlanWithLocalities();

        var up = (await Client.Obligations("unitCode=X-PHUCHI&pageSize=200&sort=deadline"))["items"]!.AsArray().Select(o => (string?)o!["deadline"]).ToList();
        var down = (await Client.Obligations("unitCode=X-PHUCHI&pageSize=200&sort=-deadline"))["items"]!.AsArray().Select(o => (string?)o!["deadline"]).ToList();

        var dated = up.TakeWhile(d => d is not null).ToList();
        Assert.Equal(10, dated.Count);
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated);
        Assert.All(up.Skip(10), Assert.Null);
        Assert.Equal(dated.OrderDescending(StringComparer.Ordinal), down.Take(10));
        Assert.All(down.Skip(10), Assert.Null);
        Assert.Equal(new[] { "2026-03-31", "2026-12-31" }, new[] { dated[0], dated[^1] });
    }

    [Theory]
    [InlineData("unitCode=NOPE", "unitCode")]
    [InlineData("sort=number", "sort")]
    [InlineData("quarter=5", "quarter")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task ListObligations_WithABadFilter_Returns400NamingIt(string query, string field)
    {
        await Client.LoadSeedUnits();

        var problem = await (await Client.GetAsync($"{ObligationsApi.Url}?{query}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task ListObligations_WhenIfNoneMatchIsCurrent_Returns304_AndAfterAReport200WithANewETag()
    {
        var (_, tasks) = await Client.IssuedSeedPlanWithLocalities();
        const string query = "unitCode=P-DAPCAU&asOf=2026-06-25";
        var (first, body) = await GetList(query, null);
        var etag = first.ETag();
        Assert.Equal(15, (int)body!["totalCount"]!);

        var (again, none) = await GetList(query, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Null(none);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.ETag());
        // Another reference day or filter is another page.
        Assert.Equal(HttpStatusCode.OK, (await GetList("unitCode=P-DAPCAU&asOf=2026-06-26", etag)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetList("unitCode=X-PHUCHI&asOf=2026-06-25", etag)).Response.StatusCode);
        await Client.Report(tasks[("Q2", 4)]["id"]!, "Done", "2026-06-24", "P-DAPCAU");

        var (changed, changedBody) = await GetList(query, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.ETag());
        var q24 = changedBody!["items"]!.AsArray().Single(o => (string?)o!["taskId"] == tasks[("Q2", 4)]["id"]!.ToString())!;
        Assert.Equal("Done", (string?)q24["status"]);
        Assert.Equal("DoneOnTime", (string?)q24["timeliness"]);
        Assert.Equal(HttpStatusCode.NotModified, (await GetList(query, changed.ETag())).Response.StatusCode);
    }

    [Fact]
    public async Task ListObligations_WhenTheUnitIsRenamed_Answers200WithTheNewName()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var (first, _) = await GetList("unitCode=P-DAPCAU", null);
        var unit = await UnitsApi.GetUnitByCode(Client, "P-DAPCAU");
        var cursor = (await Client.Obligations("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();

        await (await Client.Send(HttpMethod.Put, $"{UnitsApi.Url}/{unit["id"]}", new { name = "Phường Đáp Cầu", kind = "Ward" })).ExpectJson(HttpStatusCode.OK);

        var (after, body) = await GetList("unitCode=P-DAPCAU", first.ETag());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.All(body!["items"]!.AsArray(), o => Assert.Equal("Phường Đáp Cầu", (string?)o!["unit"]!["name"]));
        // A rename is a change of every obligation that shows the unit, under changedSince.
        var changed = await Client.Obligations($"changedSince={Instant(cursor)}&pageSize=200");
        Assert.Equal(15, (int)changed["totalCount"]!);
        Assert.All(changed["items"]!.AsArray(), o => Assert.Equal("P-DAPCAU", (string?)o!["unit"]!["code"]));
    }

    /// <summary>
    /// The README's polling recipe under load: reports by a department and by wards land concurrently while a poller asks
    /// for changedSince=&lt;largest updatedAt seen&gt; with sort=updatedAt over every unit's obligations. Every change is seen
    /// exactly once.
    /// </summary>
    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "One poller against concurrent writers, then what it saw against what changed.")]
    public async Task ListObligations_PollingWithChangedSinceUnderConcurrentReports_SeesEveryChangeExactlyOnce()
    {
        var (_, tasks) = await Client.IssuedSeedPlanWithLocalities();
        var start = (await Client.Obligations("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();
        var snv = (await Client.Obligations("unitCode=SNV&role=Lead&pageSize=200"))["items"]!.AsArray().Select(o => (string)o!["taskId"]!).ToList();
        var wards = WardWork.Select(w => tasks[(w.Group, w.Sequence)]["id"]!.ToString()).ToList();
        var seen = new List<(string Id, DateTimeOffset UpdatedAt, string Status)>();
        using var writersDone = new CancellationTokenSource();

        async Task Poll()
        {
            var cursor = start;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested; // read before polling: a poll that starts after the writers finished sees everything
                var page = await Client.Obligations($"changedSince={Instant(cursor)}&sort=updatedAt&pageSize=5");
                var items = page["items"]!.AsArray().Select(o => o!).ToList();
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
        // Round 1: the department starts its leads, and both wards start theirs, on the same tasks, at once.
        // Round 2: the department finishes 10, and P-DAPCAU finishes 5, at once.
        var round1 = await Task.WhenAll(snv.Select(id => Client.PostReport(id, "InProgress", "2026-06-01"))
            .Concat(wards.Select(id => Client.PostReport(id, "InProgress", "2026-06-01", "P-DAPCAU")))
            .Concat(wards.Select(id => Client.PostReport(id, "InProgress", "2026-06-01", "X-PHUCHI"))));
        var round2 = await Task.WhenAll(snv.Take(10).Select(id => Client.PostReport(id, "Done", "2026-06-10"))
            .Concat(wards.Take(5).Select(id => Client.PostReport(id, "Done", "2026-06-10", "P-DAPCAU"))));
        writersDone.Cancel();
        await poller;

        Assert.All(round1.Concat(round2), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(snv.Count + 30 + 15, await Factory.Count("progress_reports"));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Select(s => s.UpdatedAt).Order(), seen.Select(s => s.UpdatedAt));
        // Everything that changed since the start, every page: the reported obligations, and the others of their tasks
        // (an obligation shows its task's status, so the task's derived status moving is a change of them too).
        var final = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var answer = await Client.Obligations($"changedSince={Instant(start)}&pageSize=200&page={page}");
            final.AddRange(answer["items"]!.AsArray().Select(o => o!));
            if (answer["nextPage"] is null) break;
        }
        Assert.Equal(snv.Count, final.Count(o => (string?)o["unit"]!["code"] == "SNV" && (string?)o["role"] == "Lead" && snv.Contains((string)o["taskId"]!)));
        Assert.Equal(30, final.Count(o => (string?)o["unit"]!["code"] is "P-DAPCAU" or "X-PHUCHI" && wards.Contains((string)o["taskId"]!)));
        // Never missed: every changed obligation's final state was seen, and nothing else.
        Assert.Equal(final.Select(o => (string)o["id"]!).Order(StringComparer.Ordinal), seen.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal));
        foreach (var obligation in final)
        {
            var last = seen.Last(s => s.Id == (string)obligation["id"]!);
            Assert.Equal(obligation.UpdatedAt(), last.UpdatedAt);
            Assert.Equal((string?)obligation["status"], last.Status);
        }
        Assert.Equal(15, final.Count(o => (string?)o["status"] == "Done"));
    }
}

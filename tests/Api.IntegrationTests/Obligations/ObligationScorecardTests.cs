using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Obligations.ObligationsApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>
/// The scorecard on the 2026 plan's Quý I (every deadline 2026-03-31), on 2026-04-15: P-DAPCAU done on time and one
/// overdue; P-KINHBAC (the cluster's leader) exempted from one and two overdue; X-PHUCHI done late and one extended to
/// 2026-04-20 (due soon); P-MOI, a ward registered on 2026-04-15, two arisen late.
/// </summary>
public sealed class ObligationScorecardTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 4, 15);

    private const string QuarterOne = "year=2026&quarter=1&asOf=2026-04-15";

    private async Task<string> Arrange()
    {
        var (planId, tasks) = await Client.IssuedSeedPlanWithLocalities();
        var (q14, q15) = (tasks[("Q1", 4)]["id"]!, tasks[("Q1", 5)]["id"]!);
        await Client.Report(q14, "Done", "2026-03-20", "P-DAPCAU");
        await Client.Report(q14, "Done", "2026-04-10", "X-PHUCHI");
        await (await Client.Exempt((await Client.ObligationOf("P-KINHBAC", q14))["id"]!)).ExpectJson(HttpStatusCode.OK);
        await (await Client.Extend((await Client.ObligationOf("X-PHUCHI", q15))["id"]!, "2026-04-20")).ExpectJson(HttpStatusCode.OK);
        await Client.RegisterUnits("Ward", "P-MOI");
        return planId;
    }

    private const string NoneKey = "none";

    private static Dictionary<string, int[]> Rows(JsonNode card) =>
        card["items"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => r!["counts"]!.Counts());

    //                                    total within dueSoon overdue onTime late noDeadline aroseLate exempted
    private static readonly int[] DapCau = [2, 0, 0, 1, 1, 0, 0, 0, 0];
    private static readonly int[] KinhBac = [3, 0, 0, 2, 0, 0, 0, 0, 1];
    private static readonly int[] PhuChi = [2, 0, 1, 0, 0, 1, 0, 0, 0];
    private static readonly int[] Moi = [2, 0, 0, 0, 0, 0, 0, 2, 0];
    private static readonly int[] Total = [49, 0, 1, 43, 1, 1, 0, 2, 1];

    [Fact]
    public async Task GetObligationScorecard_PerUnit_CountsEachUnitsShare_WithExemptedArisenLateAndExtendedApart()
    {
        await Arrange();

        var card = await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=200");

        Assert.Equal(("Unit", "2026-04-15"), ((string?)card["groupBy"], (string?)card["asOf"]));
        var rows = Rows(card);
        Assert.Equal(DapCau, rows["P-DAPCAU"]);
        Assert.Equal(KinhBac, rows["P-KINHBAC"]);
        Assert.Equal(PhuChi, rows["X-PHUCHI"]);
        Assert.Equal(Moi, rows["P-MOI"]);
        Assert.Equal([6, 0, 0, 6, 0, 0, 0, 0, 0], rows["SNV"]); // Q1 1, 2, 4, 5, 6, 7: all overdue
        Assert.Equal(Total, card["total"]!.Counts());
        Assert.Equal(20, (int)card["totalCount"]!);
        Assert.Equal(Total, Enumerable.Range(0, 9).Select(i => rows.Values.Sum(r => r[i])).ToArray());
        Assert.Equal(rows.Keys.Order(StringComparer.Ordinal), rows.Keys);
        var ward = card["items"]!.AsArray().Single(r => (string?)r!["key"] == "P-DAPCAU")!;
        Assert.Equal(("Đơn vị P-DAPCAU", "Ward", "P-DAPCAU"), ((string?)ward["label"], (string?)ward["kind"], (string?)ward["unit"]!["code"]));
    }

    [Fact]
    public async Task GetObligationScorecard_PerKindAndPerCluster_AddsTheUnitsUp_WithUnitsInNoClusterUnderNone()
    {
        await Arrange();

        var kinds = await Client.Scorecard($"{QuarterOne}&groupBy=Kind");
        var clusters = await Client.Scorecard($"{QuarterOne}&groupBy=Cluster");

        Assert.Equal(["Commune", "Council", "Department", "MassOrganization", "Press", "Ward"], Rows(kinds).Keys);
        Assert.Equal([7, 0, 0, 3, 1, 0, 0, 2, 1], Rows(kinds)["Ward"]);
        Assert.Equal(PhuChi, Rows(kinds)["Commune"]);
        Assert.Equal("Phường", (string?)kinds["items"]![5]!["label"]);
        Assert.Equal(Total, kinds["total"]!.Counts());

        var rows = clusters["items"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Cụm thi đua số 1 (2026)", (string?)rows[0]["label"]);
        Assert.Equal((string?)rows[0]["clusterId"], (string?)rows[0]["key"]);
        Assert.Equal([5, 0, 1, 2, 0, 1, 0, 0, 1], rows[0]["counts"]!.Counts()); // P-KINHBAC and X-PHUCHI
        Assert.Equal(("none", null), ((string?)rows[1]["key"], (string?)rows[1]["clusterId"]));
        Assert.Equal([44, 0, 0, 41, 1, 0, 0, 2, 0], rows[1]["counts"]!.Counts());
        Assert.Equal(Total, clusters["total"]!.Counts());
    }

    [Fact]
    public async Task GetObligationScorecard_PagesTheRowsByKey_WithTheTotalOverAll_AndFiltersLikeTheList()
    {
        await Arrange();

        var first = await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=2");
        var second = await (await Client.GetAsync((string)first["nextPage"]!)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["BPTTH", "HDTDKT"], Rows(first).Keys);
        Assert.Equal(["P-DAPCAU", "P-KINHBAC"], Rows(second).Keys);
        Assert.Equal((20, 20), ((int)first["totalCount"]!, (int)second["totalCount"]!));
        Assert.Equal(Total, second["total"]!.Counts());
        // The list's filters: one unit, one role.
        var one = await Client.Scorecard($"{QuarterOne}&unitCode=P-KINHBAC&role=Lead");
        Assert.Equal([2, 0, 0, 1, 0, 0, 0, 0, 1], Assert.Single(Rows(one)).Value);
        Assert.Equal([2, 0, 0, 1, 0, 0, 0, 0, 1], one["total"]!.Counts());
        var bad = await (await Client.GetAsync($"{Url}/summary?groupBy=Province")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]);
    }

    [Fact]
    public async Task GetObligationScorecard_OnTheLastPageAndBeyond_ReturnsTheRestThenNoRows_WithTheTotalOverAll()
    {
        await Arrange();

        var all = Rows(await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=200")).Keys.ToList();
        var pages = new List<JsonNode>();
        for (var page = 1; page <= 4; page++) pages.Add(await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=7&page={page}"));

        Assert.Equal(20, all.Count);
        Assert.Equal(all, pages.SelectMany(p => Rows(p).Keys));
        Assert.Equal([7, 7, 6, 0], pages.Select(p => p["items"]!.AsArray().Count));
        Assert.Equal([true, true, false, false], pages.Select(p => p["nextPage"] is not null));
        Assert.All(pages, p => Assert.Equal((20, 7), ((int)p["totalCount"]!, (int)p["pageSize"]!)));
        Assert.All(pages, p => Assert.Equal(Total, p["total"]!.Counts()));
        var far = await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=200&page=1000000");
        Assert.Empty(far["items"]!.AsArray());
        Assert.Equal((20, 1_000_000), ((int)far["totalCount"]!, (int)far["page"]!));
        Assert.Equal(Total, far["total"]!.Counts());
    }

    [Fact]
    public async Task GetObligationScorecard_PerKindAndPerCluster_PagesAndFilters_FromTheTallyAndFromTheObligationsAlike()
    {
        var planId = await Arrange();

        // Overdue only: no commune (X-PHUCHI has none); the wards' three (P-DAPCAU one, P-KINHBAC two) on the last page,
        // with the overdue ones counted apart (P-KINHBAC's exempted one, P-MOI's two arisen late).
        var overdue = await Client.Scorecard($"{QuarterOne}&groupBy=Kind&timeliness=Overdue&pageSize=2&page=2");
        Assert.Equal(["MassOrganization", "Press"], Rows(overdue).Keys);
        Assert.Equal([46, 0, 0, 43, 0, 0, 0, 2, 1], overdue["total"]!.Counts());
        var wards = await Client.Scorecard($"{QuarterOne}&groupBy=Kind&timeliness=Overdue&pageSize=2&page=3");
        Assert.Equal([6, 0, 0, 3, 0, 0, 0, 2, 1], Assert.Single(Rows(wards)).Value);
        Assert.Null(wards["nextPage"]);
        Assert.Equal(5, (int)wards["totalCount"]!);

        // The units in no cluster come last, on a page of their own; a unit client's filter leaves one row.
        var none = await Client.Scorecard($"{QuarterOne}&groupBy=Cluster&pageSize=1&page=2");
        Assert.Equal([NoneKey], Rows(none).Keys);
        Assert.Equal(2, (int)none["totalCount"]!);
        Assert.Equal(Total, none["total"]!.Counts());
        var kinhBac = await Client.Scorecard($"{QuarterOne}&groupBy=Cluster&unitCode=P-KINHBAC&timeliness=Overdue");
        Assert.Equal([3, 0, 0, 2, 0, 0, 0, 0, 1], Assert.Single(Rows(kinhBac)).Value);

        // planId is not in the tally: the obligations are counted instead, to the same answer.
        foreach (var groupBy in new[] { "Unit", "Kind", "Cluster" })
        {
            var fromTally = await Client.Scorecard($"{QuarterOne}&groupBy={groupBy}&pageSize=3&page=2");
            var fromObligations = await Client.Scorecard($"{QuarterOne}&groupBy={groupBy}&pageSize=3&page=2&planId={planId}");
            Assert.Equal(fromTally["items"]!.ToJsonString(), fromObligations["items"]!.ToJsonString());
            Assert.Equal(Total, fromObligations["total"]!.Counts());
        }
    }

    [Theory]
    [InlineData("Unit")]
    [InlineData("Kind")]
    [InlineData("Cluster")]
    public async Task GetObligationScorecard_WhenNothingMatches_ReturnsNoRowsAndZeroTotals_FromTheTallyAndFromTheObligations(string groupBy)
    {
        var planId = await Arrange();
        int[] zero = [0, 0, 0, 0, 0, 0, 0, 0, 0];

        // Nothing within its deadline on 2026-04-15; no obligation at all in 2027; the plan's obligations by their own
        // filters. Page 1 and a later page alike: the totals row comes with no row of the page.
        foreach (var filter in new[] { $"{QuarterOne}&timeliness=WithinDeadline", "year=2027", $"{QuarterOne}&timeliness=WithinDeadline&planId={planId}" })
        {
            foreach (var page in new[] { 1, 3 })
            {
                var card = await Client.Scorecard($"{filter}&groupBy={groupBy}&pageSize=5&page={page}");
                Assert.Equal((groupBy, page, 0), ((string?)card["groupBy"], (int)card["page"]!, (int)card["totalCount"]!));
                Assert.Empty(card["items"]!.AsArray());
                Assert.Null(card["nextPage"]);
                Assert.Equal(zero, card["total"]!.Counts());
            }
        }
    }

    [Fact]
    public async Task GetObligationScorecard_WhenIfNoneMatchIsCurrent_Returns304_AndAfterADeactivation200()
    {
        await Arrange();
        var first = await Client.GetAsync($"{Url}/summary?{QuarterOne}&groupBy=Cluster");
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.ETag();
        Assert.Equal(HttpStatusCode.NotModified, (await Client.Send(HttpMethod.Get, $"{Url}/summary?{QuarterOne}&groupBy=Cluster", ifNoneMatch: etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.Send(HttpMethod.Get, $"{Url}/summary?{QuarterOne}&groupBy=Kind", ifNoneMatch: etag)).StatusCode);

        var moi = await UnitsApi.GetUnitByCode(Client, "P-MOI");
        await (await Client.PostAsync($"{UnitsApi.Url}/{moi["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);

        var after = await Client.Send(HttpMethod.Get, $"{Url}/summary?{QuarterOne}&groupBy=Cluster", ifNoneMatch: etag);
        var body = await after.ExpectJson(HttpStatusCode.OK);
        Assert.NotEqual(etag, after.ETag());
        Assert.Equal([47, 0, 1, 43, 1, 1, 0, 0, 1], body["total"]!.Counts()); // withdrawn obligations are not counted
    }
}

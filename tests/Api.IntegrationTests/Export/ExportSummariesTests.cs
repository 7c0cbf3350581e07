using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Application.Obligations;

namespace EmulationApi.Api.IntegrationTests.Export;

/// <summary>
/// The scorecard, the task summary and a cluster's ranking as CSV and Excel: the JSON's rows for the same filters, every
/// one (no paging), the total last, Vietnamese headings and enum cells, their own ETag (304), the JSON's refusals.
/// </summary>
public sealed class ExportSummariesTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 4, 15);

    private const string ScorecardUrl = ObligationsApi.Url + "/summary";
    private const string QuarterOne = "year=2026&quarter=1&asOf=2026-04-15";

    private const string ScorecardHeadings =
        "Mã,Tên,Loại đơn vị,Tổng số,Trong hạn,Sắp đến hạn,Quá hạn,Hoàn thành đúng hạn,Hoàn thành quá hạn,Không thời hạn,Phát sinh sau hạn,Được miễn";

    private const string SummaryHeadings =
        "Mã,Tên,Tổng số,Chưa thực hiện,Đang thực hiện,Hoàn thành,Không thực hiện,Chưa có đơn vị chủ trì,Đã hủy,Trong hạn,Sắp đến hạn,Quá hạn,Hoàn thành đúng hạn,Hoàn thành quá hạn,Không thời hạn";

    private static readonly string[] ScorecardCounts = ["total", "withinDeadline", "dueSoon", "overdue", "doneOnTime", "doneLate", "noDeadline", "aroseLate", "exempted"];

    private static readonly string[] SummaryCounts =
        ["total", "notStarted", "inProgress", "done", "notCarriedOut", "unassigned", "cancelled", "withinDeadline", "dueSoon", "overdue", "doneOnTime", "doneLate", "noDeadline"];

    private static string Counts(JsonNode counts, string[] names) => string.Join(",", names.Select(n => (int)counts[n]!));

    [Theory]
    [InlineData("Unit", "tong-hop-nghia-vu-unit.csv")]
    [InlineData("Kind", "tong-hop-nghia-vu-kind.csv")]
    [InlineData("Cluster", "tong-hop-nghia-vu-cluster.csv")]
    public async Task GetObligationScorecard_AsCsv_HasEveryRowOfTheJson_ThenTheTotal(string groupBy, string fileName)
    {
        await Client.IssuedSeedPlanWithLocalities();
        var json = await Client.Scorecard($"{QuarterOne}&groupBy={groupBy}&pageSize=200");

        // pageSize=2 pages the JSON; the file ignores it (and a pageSize the JSON refuses).
        var lines = await (await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy={groupBy}&format=csv&pageSize=2&page=9")).ExpectCsv(fileName);
        var accepted = await (await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy={groupBy}&pageSize=5000", accept: "text/csv")).ExpectCsv(fileName);

        var items = json["items"]!.AsArray();
        Assert.True(items.Count > 1);
        Assert.Equal((int)json["totalCount"]!, items.Count);
        Assert.Equal(items.Count + 2, lines.Length);
        Assert.Equal(lines, accepted);
        Assert.Equal(ScorecardHeadings, lines[0]);
        Assert.Equal(items.Select(i => (string)i!["key"]!), lines[1..^1].Select(l => l.Split(',')[0]));
        Assert.Equal(items.Select(i => Counts(i!["counts"]!, ScorecardCounts)), lines[1..^1].Select(l => string.Join(",", l.Split(',')[^9..])));
        Assert.Equal("Total,Tổng cộng,," + Counts(json["total"]!, ScorecardCounts), lines[^1]);
    }

    [Fact]
    public async Task GetObligationScorecard_AsXlsx_TypesTheCountsAndNamesTheKindInVietnamese()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var json = await Client.Scorecard($"{QuarterOne}&groupBy=Unit&pageSize=200");

        var rows = await (await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy=Unit&format=xlsx")).ExpectXlsx("tong-hop-nghia-vu-unit.xlsx");

        Assert.Equal((int)json["totalCount"]! + 2, rows.Count);
        Assert.Equal(ScorecardHeadings.Split(','), rows[0].Select(c => c.Text));
        var ward = rows.Single(r => r[0].Text == "P-DAPCAU");
        var jsonWard = json["items"]!.AsArray().Single(i => (string?)i!["key"] == "P-DAPCAU")!;
        Assert.Equal("Ward", (string?)jsonWard["kind"]); // JSON keeps the name
        Assert.Equal(new XlsxCell("Phường", "text", null), ward[2]);
        Assert.Equal(new XlsxCell(((int)jsonWard["counts"]!["total"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), "number", null), ward[3]);
        Assert.Equal(("Total", "Tổng cộng", ""), (rows[^1][0].Text, rows[^1][1].Text, rows[^1][2].Text));
    }

    [Fact]
    public async Task GetObligationScorecard_AsAFile_FollowsTheFilters_HasItsOwnETag_AndAnswers304()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var json = await Client.GetAsync($"{ScorecardUrl}?{QuarterOne}&groupBy=Kind");
        var snv = await Client.Scorecard($"{QuarterOne}&groupBy=Kind&unitCode=SNV");

        var response = await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy=Kind&unitCode=SNV&format=csv");
        var lines = await response.ExpectCsv("tong-hop-nghia-vu-kind.csv");

        Assert.Equal(["Department,\"Sở, ban, ngành\",\"Sở, ban, ngành\"," + Counts(snv["items"]![0]!["counts"]!, ScorecardCounts),
            "Total,Tổng cộng,," + Counts(snv["total"]!, ScorecardCounts)], lines[1..]);
        Assert.NotEqual(json.ETag(), response.ETag());
        var again = await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy=Kind&unitCode=SNV&format=csv&pageSize=3", ifNoneMatch: response.ETag());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        var xlsx = await Client.GetFile($"{ScorecardUrl}?{QuarterOne}&groupBy=Kind&unitCode=SNV&format=xlsx", ifNoneMatch: response.ETag());
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }

    [Fact]
    public async Task GetObligationScorecard_AsAFile_RefusesWhatTheJsonRefuses()
    {
        await Client.IssuedSeedPlanWithLocalities();
        using var ward = Factory.ClientWithKey(await Client.CreateKey("Unit", "P-DAPCAU"));

        var other = await (await ward.GetAsync($"{ScorecardUrl}?unitCode=P-KINHBAC&format=csv")).ExpectProblem(HttpStatusCode.Forbidden);
        var own = await (await ward.GetFile($"{ScorecardUrl}?unitCode=P-DAPCAU&{QuarterOne}&format=csv")).ExpectCsv("tong-hop-nghia-vu-unit.csv");
        var badFormat = await (await Client.GetAsync($"{ScorecardUrl}?format=pdf")).ExpectProblem(HttpStatusCode.BadRequest);
        var badQuarter = await (await Client.GetAsync($"{ScorecardUrl}?quarter=5&format=xlsx")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("P-KINHBAC", (string?)other["detail"]);
        Assert.Equal(3, own.Length);
        Assert.StartsWith("P-DAPCAU,", own[1]);
        Assert.NotNull(badFormat["errors"]!["format"]);
        Assert.NotNull(badQuarter["errors"]!["quarter"]);
    }

    [Fact]
    public async Task GetObligationScorecard_AsAFile_PastOneRead_HasEveryRowOnce_InTheJsonsOrder()
    {
        await Client.IssuedSeedPlanWithLocalities();
        // A thousand more wards: each holds the obligations of the tasks "các xã, phường" lead or coordinate.
        await Client.RegisterUnits("Ward", [.. Enumerable.Range(0, ExportObligationScorecard.PageSize).Select(i => $"P-T{i:D4}")]);
        // So many are derived by the background worker: wait for its queue to empty (bounded).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await Factory.ScalarAsync<long>("SELECT count(*) FROM obligation_derivations_pending") > 0 && clock.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(250);
        var keys = new List<string>();
        JsonNode card;
        var page = 1;
        do
        {
            card = await Client.Scorecard($"year=2026&groupBy=Unit&pageSize=200&page={page++}");
            keys.AddRange(card["items"]!.AsArray().Select(i => (string)i!["key"]!));
        }
        while (card["nextPage"] is not null);

        var lines = await (await Client.GetFile($"{ScorecardUrl}?year=2026&groupBy=Unit&format=csv")).ExpectCsv("tong-hop-nghia-vu-unit.csv");

        Assert.True(keys.Count > ExportObligationScorecard.PageSize, $"{keys.Count} rows");
        Assert.Equal(keys, lines[1..^1].Select(l => l.Split(',')[0]));
        Assert.Equal("Total,Tổng cộng,," + Counts(card["total"]!, ScorecardCounts), lines[^1]);
    }

    [Fact]
    public async Task GetObligationScorecard_AsAFile_WhenNothingMatches_HasTheHeadingsAndAZeroTotal()
    {
        var lines = await (await Client.GetFile($"{ScorecardUrl}?format=csv")).ExpectCsv("tong-hop-nghia-vu-unit.csv");

        Assert.Equal([ScorecardHeadings, "Total,Tổng cộng,,0,0,0,0,0,0,0,0,0"], lines);
    }

    [Theory]
    [InlineData("Quarter", "tong-hop-nhiem-vu-quarter")]
    [InlineData("LeadUnit", "tong-hop-nhiem-vu-leadunit")]
    [InlineData("Plan", "tong-hop-nhiem-vu-plan")]
    public async Task GetTaskSummary_AsCsvAndXlsx_HasTheJsonsGroups_ThenTheTotal(string groupBy, string name)
    {
        await Client.IssuedSeedPlanWithLocalities();
        var json = await (await Client.GetAsync($"{PlansApi.TasksUrl}/summary?groupBy={groupBy}&year=2026")).ExpectJson(HttpStatusCode.OK);

        var lines = await (await Client.GetFile($"{PlansApi.TasksUrl}/summary?groupBy={groupBy}&year=2026&format=csv")).ExpectCsv(name + ".csv");
        var rows = await (await Client.GetFile($"{PlansApi.TasksUrl}/summary?groupBy={groupBy}&year=2026", accept: ExportFiles.Xlsx)).ExpectXlsx(name + ".xlsx");

        var groups = json["groups"]!.AsArray();
        Assert.NotEmpty(groups);
        Assert.Equal(groups.Count + 2, lines.Length);
        Assert.Equal(SummaryHeadings, lines[0]);
        Assert.Equal(SummaryHeadings.Split(','), rows[0].Select(c => c.Text));
        Assert.Equal(groups.Select(g => ((string)g!["key"]!, (string)g["label"]!)), rows.Skip(1).SkipLast(1).Select(r => (r[0].Text, r[1].Text)));
        Assert.Equal(groups.Select(g => Counts(g!["counts"]!, SummaryCounts)), lines[1..^1].Select(l => string.Join(",", l.Split(',')[^13..])));
        Assert.Equal("Total,Tổng cộng," + Counts(json["total"]!, SummaryCounts), lines[^1]);
        Assert.All(rows[^1].Skip(2), c => Assert.Equal("number", c.Kind));
        if (groupBy == "Quarter") Assert.Contains(rows, r => r[0].Text == "Q1" && r[1].Text == "Quý I");
    }

    [Fact]
    public async Task GetTaskSummary_InBothForms_HasAnETag_AndAnswers304UntilATaskChanges()
    {
        var (_, tasks) = await Client.IssuedSeedPlanWithLocalities();
        const string url = PlansApi.TasksUrl + "/summary?groupBy=Quarter&year=2026";
        var json = await Client.GetAsync(url);
        var csv = await Client.GetFile(url + "&format=csv");
        await json.ExpectJson(HttpStatusCode.OK);
        static string InProgressOfQ1(string[] lines) => lines.Single(l => l.StartsWith("Q1,Quý I,", StringComparison.Ordinal)).Split(',')[4];
        Assert.Equal("0", InProgressOfQ1(await csv.ExpectCsv("tong-hop-nhiem-vu-quarter.csv")));
        Assert.NotEqual(json.ETag(), csv.ETag());

        Assert.Equal(HttpStatusCode.NotModified, (await Client.GetFile(url, ifNoneMatch: json.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.GetFile(url + "&format=csv", ifNoneMatch: csv.ETag())).StatusCode);

        await Client.Report(tasks[("Q1", 1)]["id"]!, "InProgress", "2026-04-01");
        var changed = await Client.GetFile(url + "&format=csv", ifNoneMatch: csv.ETag());
        var lines = await changed.ExpectCsv("tong-hop-nhiem-vu-quarter.csv");
        Assert.Equal("1", InProgressOfQ1(lines));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetFile(url, ifNoneMatch: json.ETag())).StatusCode);
    }

    [Fact]
    public async Task GetTaskSummary_AsAFile_WhenAFilterIsWrong_Returns400NamingIt()
    {
        var problem = await (await Client.GetAsync($"{PlansApi.TasksUrl}/summary?format=csv&groupBy=Month")).ExpectProblem(HttpStatusCode.BadRequest);
        var format = await (await Client.GetAsync($"{PlansApi.TasksUrl}/summary?format=ods")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["groupBy"]);
        Assert.NotNull(format["errors"]!["format"]);
    }

    private async Task<string> ScoredCluster()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [
            ("A", 0, 70m), ("A", 1, 5m), ("A", 2, 0m),
            ("B", 0, 72m), ("B", 1, 5m), ("B", 2, 2m),
            ("C", 0, 60m), ("C", 1, 0m), ("C", 2, 0m),
        ])).ExpectJson(HttpStatusCode.OK);
        return cluster.Id();
    }

    [Fact]
    public async Task GetRanking_AsCsvAndXlsx_ListsTheMembersInRankOrder_WithTheOneProposedForTheFlag()
    {
        var id = await ScoredCluster();
        var json = await Client.GetRanking(id);

        var lines = await (await Client.GetFile($"{ClustersApi.Url}/{id}/ranking?format=csv")).ExpectCsv("xep-hang.csv");
        var rows = await (await Client.GetFile($"{ClustersApi.Url}/{id}/ranking", accept: "application/json;q=0.1, " + ExportFiles.Xlsx)).ExpectXlsx("xep-hang.xlsx");

        Assert.Equal("B", (string?)json["flagProposal"]!["unit"]!["code"]);
        Assert.Equal("Hạng,Mã đơn vị,Tên đơn vị,Loại đơn vị,Tổng điểm,Điểm chuẩn,Điểm thưởng,Điểm trừ,Số tiêu chí đã chấm,Tiêu chí chưa chấm,Đã ký giao ước,Bằng tổng điểm với,Phân định thứ hạng,Đề nghị tặng Cờ thi đua", lines[0]);
        Assert.Equal(json["rows"]!.AsArray().Count + 1, lines.Length);
        Assert.StartsWith("1,B,Đơn vị B,Xã,75.00,72.00,5.00,2.00,3,,true,A,", lines[1]);
        Assert.EndsWith(",true", lines[1]);
        Assert.StartsWith("2,A,Đơn vị A,Xã,75.00,70.00,5.00,0.00,3,,true,B,", lines[2]);
        Assert.EndsWith(",false", lines[2]);
        Assert.Equal("3,C,Đơn vị C,Xã,60.00,60.00,0.00,0.00,3,,true,,,false", lines[3]);
        Assert.Equal(["B", "A", "C"], rows.Skip(1).Select(r => r[1].Text));
        Assert.Equal((new XlsxCell("1", "number", null), new XlsxCell("1", "bool", null)), (rows[1][0], rows[1][^1]));
        Assert.Equal(("number", 75m), (rows[1][4].Kind, decimal.Parse(rows[1][4].Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((string?)json["rows"]![0]!["explanation"], rows[1][12].Text);
    }

    [Fact]
    public async Task GetRanking_InBothForms_HasAnETag_AndAnswers304UntilAScoreChanges()
    {
        var id = await ScoredCluster();
        var url = $"{ClustersApi.Url}/{id}/ranking";
        var json = await Client.GetAsync(url);
        var xlsx = await Client.GetFile(url + "?format=xlsx");
        await json.ExpectJson(HttpStatusCode.OK);
        Assert.NotEqual(json.ETag(), xlsx.ETag());

        Assert.Equal(HttpStatusCode.NotModified, (await Client.GetFile(url, ifNoneMatch: json.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.GetFile(url + "?format=xlsx", ifNoneMatch: xlsx.ETag())).StatusCode);

        await (await Client.RecordScores(id, [("C", 0, 80m)])).ExpectJson(HttpStatusCode.OK);
        var rows = await (await Client.GetFile(url + "?format=xlsx", ifNoneMatch: xlsx.ETag())).ExpectXlsx("xep-hang.xlsx");
        Assert.Equal("C", rows[1][1].Text);
    }

    [Fact]
    public async Task GetRanking_AsAFile_ForAnUnknownCluster_Returns404ProblemJson()
    {
        var problem = await (await Client.GetAsync($"{ClustersApi.Url}/{Guid.NewGuid()}/ranking?format=csv")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal(404, (int)problem["status"]!);
    }
}

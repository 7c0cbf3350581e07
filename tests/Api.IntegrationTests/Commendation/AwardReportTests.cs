using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Export;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class AwardReportTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/commendation/reports/awards";

    private async Task Arrange()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        await Client.CreateAward("TT", recipient: "Collective");
        await Client.CreateAward("CN", recipient: "Individual", level: "State");
        foreach (var body in new[]
                 {
                     CommendationApi.RecordBody("CN", 2025, "SNV", "Nguyễn Thị Hoa"),
                     CommendationApi.RecordBody("TT", 2025, "STC"),
                     CommendationApi.RecordBody("CN", 2024, "STC", "Trần Văn Bình", decisionDate: "2025-05-02"),
                 })
            await (await Client.PostJson(CommendationApi.RegisterUrl, body)).ExpectJson(HttpStatusCode.Created);
    }

    private static string Line(JsonNode row) => $"{row["key"]} {row["name"]} n={row["awards"]} i={row["individuals"]} c={row["collectives"]}".Replace("  ", " ", StringComparison.Ordinal);

    [Theory]
    [InlineData("?groupBy=Award", "CN Danh hiệu CN n=2 i=2 c=0|TT Danh hiệu TT n=1 i=0 c=1")]
    [InlineData("?groupBy=Unit", "SNV Sở Nội vụ n=1 i=1 c=0|STC Sở Tài chính n=2 i=1 c=1")]
    [InlineData("?groupBy=Level", "Province n=1 i=0 c=1|State n=2 i=2 c=0")]
    [InlineData("?groupBy=Year", "2024 n=1 i=1 c=0|2025 n=2 i=1 c=1")]
    [InlineData("?groupBy=Quarter", "2025-Q2 n=1 i=1 c=0|2026-Q1 n=2 i=1 c=1")]
    [InlineData("?groupBy=Year&unitCode=snv", "2025 n=1 i=1 c=0")]
    [InlineData("?groupBy=Year&awardCode=tt", "2025 n=1 i=0 c=1")]
    [InlineData("?groupBy=Year&year=2024", "2024 n=1 i=1 c=0")]
    public async Task GetAwardReport_GroupsAndFilters(string query, string expected)
    {
        await Arrange();

        var report = await (await Client.GetAsync(Url + query)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(expected, string.Join("|", report["rows"]!.AsArray().Select(r => Line(r!))));
        Assert.Equal(report["rows"]!.AsArray().Sum(r => (int)r!["awards"]!), (int)report["total"]!["awards"]!);
    }

    [Fact]
    public async Task GetAwardReport_AsCsv_HasTheBomHeadingsAndTheTotal()
    {
        await Arrange();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Unit");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            ["Nhóm,Tên,Số khen thưởng,Cá nhân,Tập thể", "SNV,Sở Nội vụ,1,1,0", "STC,Sở Tài chính,2,1,1", "Total,Tổng cộng,3,2,1", ""],
            System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n"));
    }

    [Fact]
    public async Task GetAwardReport_ByLevel_AsXlsx_NamesTheLevelsInVietnamese_AndKeepsTheKeys()
    {
        await Arrange();

        var rows = await (await Client.GetFile(Url + "?groupBy=Level&format=xlsx")).ExpectXlsx("bao-cao-khen-thuong-level.xlsx");

        // JSON and the Nhóm column keep the names; Tên says them in Vietnamese (Labels), the total row too.
        Assert.Equal([("Province", "Tỉnh"), ("State", "Nhà nước"), ("Total", "Tổng cộng")], rows.Skip(1).Select(r => (r[0].Text, r[1].Text)));
    }

    /// <summary>The three history lines, and two dossiers decided through the system: SNV's AdHoc dossier for one of its
    /// people (approved: a line) and its unit (not approved: no line), STC's Regular dossier for itself (approved).</summary>
    private async Task ArrangeDecided()
    {
        await Arrange();
        await Factory.SeedAwards();
        var adHoc = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SNV",
            [DossiersApi.Person("SNV", name: "Lê Thị Mai"), DossiersApi.UnitNominee("SNV")], type: "AdHoc"))).ExpectJson(HttpStatusCode.Created);
        adHoc = await Client.Reach(adHoc, "InCouncilReview");
        var nominees = adHoc["nominees"]!.AsArray();
        await (await Client.Step(adHoc.Id(), "decide", new
        {
            documentReference = "Quyết định số 7/QĐ-UBND",
            outcomes = new object[]
            {
                new { nomineeId = (string)nominees[0]!["id"]!, outcome = "Approved", reason = (string?)null },
                new { nomineeId = (string)nominees[1]!["id"]!, outcome = "NotApproved", reason = "Chưa đủ tiêu chuẩn." },
            },
        })).ExpectJson(HttpStatusCode.OK);
        await Client.Reach(await Client.CreateDossier("STC", DossiersApi.UnitNominee("STC")), "Decided");
    }

    [Theory]
    [InlineData("?groupBy=Type", "AdHoc n=1 i=1 c=0|None n=3 i=2 c=1|Regular n=1 i=0 c=1")]
    [InlineData("?groupBy=ProposingUnit", "None n=3 i=2 c=1|SNV Sở Nội vụ n=1 i=1 c=0|STC Sở Tài chính n=1 i=0 c=1")]
    [InlineData("?groupBy=ProposingUnit&unitCode=stc", "None n=2 i=1 c=1|STC Sở Tài chính n=1 i=0 c=1")]
    [InlineData("?groupBy=Award&proposingUnitCode=snv", "BK-CN Bằng khen của Chủ tịch UBND tỉnh (cá nhân) n=1 i=1 c=0")]
    [InlineData("?groupBy=Unit&type=Regular", "STC Sở Tài chính n=1 i=0 c=1")]
    [InlineData("?groupBy=Year&type=AdHoc&proposingUnitCode=stc", "")]
    [InlineData("?groupBy=Year&year=2026", "2026 n=2 i=1 c=1")]
    public async Task GetAwardReport_ByTheDecidingDossiersTypeAndProposingUnit_PutsHistoryUnderNone(string query, string expected)
    {
        await ArrangeDecided();

        var report = await (await Client.GetAsync(Url + query)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(expected, string.Join("|", report["rows"]!.AsArray().Select(r => Line(r!))));
        Assert.Equal(report["rows"]!.AsArray().Sum(r => (int)r!["awards"]!), (int)report["total"]!["awards"]!);
    }

    [Fact]
    public async Task GetAwardReport_ByType_RePollIs304AndTheCsvHasTheBom()
    {
        await ArrangeDecided();
        var first = await Client.GetAsync(Url + "?groupBy=Type");
        await first.ExpectJson(HttpStatusCode.OK);
        using var again = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Type");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await Client.SendAsync(again);
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=ProposingUnit");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await Client.SendAsync(csvRequest);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            ["Nhóm,Tên,Số khen thưởng,Cá nhân,Tập thể", "None,Không có,3,2,1", "SNV,Sở Nội vụ,1,1,0", "STC,Sở Tài chính,1,0,1", "Total,Tổng cộng,5,3,2", ""],
            System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n"));
    }

    [Theory]
    [InlineData("?type=Nope")]
    [InlineData("?groupBy=Semester")]
    [InlineData("?proposingUnitCode=NOPE")]
    public async Task GetAwardReport_BadQuery_Returns400(string query)
    {
        var problem = await (await Client.GetAsync(Url + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(400, (int)problem["status"]!);
    }
}

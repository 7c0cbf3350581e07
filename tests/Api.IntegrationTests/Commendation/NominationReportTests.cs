using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class NominationReportTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/commendation/reports/nominations";

    /// <summary>
    /// SNV submits four nominees (a direct worker, a farmer, a leader for BK-CN; a small collective for BK-TT); STC's
    /// dossier for itself (BK-TT) is decided, approved; a draft of SNV is not yet a nomination.
    /// </summary>
    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV", "STC");
        var snv = await Client.CreateDossier("SNV",
            DossiersApi.Person("SNV", name: "Công Nhân", category: "DirectWorker"),
            DossiersApi.Person("SNV", name: "Nông Dân", category: "Farmer"),
            DossiersApi.Person("SNV", name: "Lãnh Đạo", category: "LeaderManager"),
            DossiersApi.SmallCollective("SNV"));
        await Client.Reach(snv, "Submitted");
        await Client.Reach(await Client.CreateDossier("STC", DossiersApi.UnitNominee("STC")), "Decided");
        await Client.CreateDossier("SNV", DossiersApi.Person("SNV", name: "Bản Nháp"));
    }

    private async Task<JsonNode> Report(string query) => await (await Client.GetAsync(Url + query)).ExpectJson(HttpStatusCode.OK);

    private static string Line(JsonNode row) =>
        $"{row["key"]} {row["name"]} n={row["nominees"]} ok={row["approved"]} w={row["directWorkers"]} f={row["farmers"]} s={row["smallCollectives"]} share={row["favouredShare"]}".Replace("  ", " ", StringComparison.Ordinal);

    private static string[] Lines(JsonNode report) => [.. report["rows"]!.AsArray().Select(r => Line(r!))];

    [Fact]
    public async Task GetNominationReport_ByAward_CountsSubmittedNomineesApprovalsAndTheFavouredShare()
    {
        await Arrange();

        var report = await Report("?groupBy=Award");

        Assert.Equal("Award", (string?)report["groupBy"]);
        Assert.Equal(
            [
                "BK-CN Bằng khen của Chủ tịch UBND tỉnh (cá nhân) n=3 ok=0 w=1 f=1 s=0 share=0.6667",
                "BK-TT Bằng khen của Chủ tịch UBND tỉnh (tập thể) n=2 ok=1 w=0 f=0 s=1 share=0.5",
            ], Lines(report));
        Assert.Equal("Total n=5 ok=1 w=1 f=1 s=1 share=0.6", Line(report["total"]!));
    }

    [Theory]
    [InlineData("?groupBy=ProposingUnit", "SNV Đơn vị SNV n=4 ok=0 w=1 f=1 s=1 share=0.75|STC Đơn vị STC n=1 ok=1 w=0 f=0 s=0 share=0")]
    [InlineData("?groupBy=NomineeCategory", "DirectWorker n=1 ok=0 w=1 f=0 s=0 share=1|Farmer n=1 ok=0 w=0 f=1 s=0 share=1|LeaderManager n=1 ok=0 w=0 f=0 s=0 share=0|None n=2 ok=1 w=0 f=0 s=1 share=0.5")]
    [InlineData("?groupBy=Level", "Province n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Type", "Regular n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Year", "2026 n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Year&proposingUnitCode=stc", "2026 n=1 ok=1 w=0 f=0 s=0 share=0")]
    [InlineData("?groupBy=Year&awardCode=bk-cn", "2026 n=3 ok=0 w=1 f=1 s=0 share=0.6667")]
    [InlineData("?groupBy=Year&year=2025", "")]
    [InlineData("?groupBy=Year&type=AdHoc", "")]
    public async Task GetNominationReport_GroupsAndFilters(string query, string expected)
    {
        await Arrange();

        Assert.Equal(expected, string.Join("|", Lines(await Report(query))));
    }

    [Fact]
    public async Task GetNominationReport_WithNothingSubmitted_HasAZeroTotal()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV");
        await Client.CreateDossier("SNV");

        var report = await Report("");

        Assert.Empty(report["rows"]!.AsArray());
        Assert.Equal("Total n=0 ok=0 w=0 f=0 s=0 share=0", Line(report["total"]!));
    }

    [Fact]
    public async Task GetNominationReport_AsCsv_IsTheSameRowsWithABomVietnameseHeadingsAndQuoting()
    {
        await Arrange();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Award");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
            [
                "Nhóm,Tên,Số được đề nghị,Số được khen thưởng,\"Công nhân, người lao động trực tiếp\",Nông dân,Tập thể nhỏ,Tỷ lệ nhóm được chú trọng",
                "BK-CN,Bằng khen của Chủ tịch UBND tỉnh (cá nhân),3,0,1,1,0,0.6667",
                "BK-TT,Bằng khen của Chủ tịch UBND tỉnh (tập thể),2,1,0,0,1,0.5",
                "Total,,5,1,1,1,1,0.6",
                "",
            ], lines);
        Assert.Contains("Accept", response.Headers.Vary);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Award");
        again.Headers.Accept.ParseAdd("text/csv");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        var json = await Client.GetAsync(Url + "?groupBy=Award");
        Assert.NotEqual(response.Headers.ETag, json.Headers.ETag);
    }

    [Theory]
    [InlineData("?groupBy=Quarterly")]
    [InlineData("?year=1800")]
    [InlineData("?type=Nope")]
    public async Task GetNominationReport_BadQuery_Returns400(string query)
    {
        await (await Client.GetAsync(Url + query)).ExpectProblem(HttpStatusCode.BadRequest);
    }
}

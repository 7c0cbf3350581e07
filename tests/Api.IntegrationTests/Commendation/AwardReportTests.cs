using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
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
            ["Nhóm,Tên,Số khen thưởng,Cá nhân,Tập thể", "SNV,Sở Nội vụ,1,1,0", "STC,Sở Tài chính,2,1,1", "Total,,3,2,1", ""],
            System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n"));
    }
}

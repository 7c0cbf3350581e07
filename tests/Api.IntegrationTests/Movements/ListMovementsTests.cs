using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Movements;

public sealed class ListMovementsTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonNode> List(string query = "") =>
        await (await Client.GetAsync(MovementsApi.Url + query)).ExpectJson(HttpStatusCode.OK);

    private static string[] Names(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["name"]!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ListMovements_NamesTheParticipantsOfEveryMovementOnThePage()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("SYT", "Sở Y tế");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 2");
        await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Thi đua cải cách hành chính", startDate: "2026-02-01", participantUnitCodes: ["SNV"]))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Thi đua chuyển đổi số", startDate: "2026-01-01",
            participantUnitCodes: ["SNV", "SYT"], participantClusterIds: [cluster.Id()]))).ExpectJson(HttpStatusCode.Created);

        var items = (await List())["items"]!.AsArray();

        Assert.Equal(["SNV"], items[0]!["participants"]!.AsArray().Select(p => (string)p!["unit"]!["code"]!));
        Assert.Equal("Sở Nội vụ", (string?)items[0]!["participants"]![0]!["unit"]!["name"]);
        var second = items[1]!["participants"]!.AsArray();
        Assert.Equal(["Sở Nội vụ", "Sở Y tế"], second.Where(p => p!["unit"] is not null).Select(p => (string)p!["unit"]!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal("Cụm thi đua số 2", (string?)second.Single(p => p!["cluster"] is not null)!["cluster"]!["name"]);
        Assert.Equal(2026, (int?)second.Single(p => p!["cluster"] is not null)!["cluster"]!["year"]);
    }

    [Fact]
    public async Task ListMovements_WhenFilteredByYear_ReturnsTheMovementsRunningThatYear()
    {
        await Client.CreateMovement("Kết thúc 2025", startDate: "2021-01-01", endDate: "2025-12-31");
        await Client.CreateMovement("Kết thúc đầu 2026", startDate: "2024-01-01", endDate: "2026-01-01");
        await Client.CreateMovement("Không thời hạn", startDate: "2020-05-01");
        await Client.CreateMovement("Bắt đầu cuối 2026", startDate: "2026-12-31", endDate: "2027-06-30");
        await Client.CreateMovement("Bắt đầu 2027", startDate: "2027-01-01");

        var page = await List("?year=2026");

        Assert.Equal(["Bắt đầu cuối 2026", "Không thời hạn", "Kết thúc đầu 2026"], Names(page));
        Assert.Equal(3, (int)page["totalCount"]!);
    }

    [Fact]
    public async Task ListMovements_WhenAStartDateIsNotKnown_ListsItInEveryYearUntilItsEndAndAfterTheDatedOnes()
    {
        await Client.CreateMovement("Không rõ ngày bắt đầu", startDate: null);
        await Client.CreateMovement("Không rõ ngày bắt đầu, kết thúc 2025", startDate: null, endDate: "2025-12-31");
        await Client.CreateMovement("Bắt đầu 2026", startDate: "2026-03-01");
        await Client.CreateMovement("Bắt đầu 2020", startDate: "2020-03-01");

        var in2026 = await List("?year=2026");
        var all = await List("");

        Assert.Equal(["Bắt đầu 2020", "Bắt đầu 2026", "Không rõ ngày bắt đầu"], Names(in2026));
        Assert.Equal(["Bắt đầu 2026", "Bắt đầu 2020", "Không rõ ngày bắt đầu", "Không rõ ngày bắt đầu, kết thúc 2025"],
            all["items"]!.AsArray().Select(i => (string?)i!["name"])); // newest first, the undated last
    }

    [Fact]
    public async Task ListMovements_WhenFilteredByFormLauncherLevelAndStatus_CombinesTheFilters()
    {
        await Client.CreateMovement("Regular tỉnh", form: "Regular", launcherLevel: "Province");
        await Client.CreateMovement("Thematic tỉnh", form: "Thematic", launcherLevel: "Province");
        var launched = await Client.CreateMovement("Thematic tỉnh đã phát động", form: "Thematic", launcherLevel: "Province");
        await Client.CreateMovement("Thematic Thủ tướng", form: "Thematic", launcherLevel: "PrimeMinister");
        await Client.Reach(launched.Id(), "Launched");

        Assert.Equal(["Regular tỉnh"], Names(await List("?form=Regular")));
        Assert.Equal(["Thematic Thủ tướng"], Names(await List("?launcherLevel=PrimeMinister")));
        Assert.Equal(["Thematic tỉnh"], Names(await List("?form=Thematic&launcherLevel=Province&status=Draft")));
        Assert.Equal(["Thematic tỉnh đã phát động"], Names(await List("?status=Launched")));
        Assert.Empty(Names(await List("?status=Closed")));
    }

    [Theory]
    [InlineData("van hoa cong so")]
    [InlineData("VĂN HOÁ")]
    [InlineData("công sở")]
    [InlineData("than toc")]
    public async Task ListMovements_WhenSearchingText_IgnoresDiacriticsAndCaseOverNameAndSlogan(string q)
    {
        await Client.CreateMovement("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", slogan: "Thần tốc, hiệu quả");
        await Client.CreateMovement("Bình dân học vụ số");

        var page = await List($"?q={Uri.EscapeDataString(q)}");

        Assert.Equal(["Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"], Names(page));
    }

    [Fact]
    public async Task ListMovements_WhenMorePagesRemain_AnswersThePagingShapeAndLinksTheNextPage()
    {
        for (var i = 1; i <= 5; i++) await Client.CreateMovement($"Phong trào {i}", startDate: $"2026-0{i}-01");

        var first = await List("?pageSize=2&form=Thematic");

        Assert.Equal(["Phong trào 5", "Phong trào 4"], first["items"]!.AsArray().Select(i => (string?)i!["name"])); // newest first
        Assert.Equal(1, (int)first["page"]!);
        Assert.Equal(2, (int)first["pageSize"]!);
        Assert.Equal(5, (int)first["totalCount"]!);
        var next = (string)first["nextPage"]!;
        Assert.StartsWith(MovementsApi.Url, next);
        Assert.Contains("form=Thematic", next);
        Assert.Contains("page=2", next);
        var second = await (await Client.GetAsync(next)).ExpectJson(HttpStatusCode.OK);
        var third = await (await Client.GetAsync((string)second["nextPage"]!)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Phong trào 1"], third["items"]!.AsArray().Select(i => (string?)i!["name"]));
        Assert.Null(third["nextPage"]);
    }

    [Theory]
    [InlineData("?form=TheoDot", "form")]
    [InlineData("?status=Open", "status")]
    [InlineData("?year=1999", "year")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task ListMovements_WhenAParameterIsInvalid_Returns400NamingIt(string query, string field)
    {
        var problem = await (await Client.GetAsync(MovementsApi.Url + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }
}

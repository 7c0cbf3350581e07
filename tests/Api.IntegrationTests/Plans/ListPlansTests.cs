using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

public sealed class ListPlansTests(ApiFactory factory) : ApiTest(factory)
{
    private static List<string> Titles(System.Text.Json.Nodes.JsonNode page) =>
        page["items"]!.AsArray().Select(p => (string)p!["title"]!).ToList();

    [Fact]
    public async Task ListPlans_WhenFilteredByYearAndStatus_ReturnsOnlyMatchingPlans()
    {
        var issued = await Client.CreatePlan(2025, "Kế hoạch đã ban hành");
        await Client.IssuePlan(issued["id"]!);
        await Client.CreatePlan(2025, "Kế hoạch dự thảo");
        await Client.CreatePlan(2026, "Kế hoạch năm sau");

        // Titles sort in Vietnamese order: "d" before "đ".
        Assert.Equal(["Kế hoạch dự thảo", "Kế hoạch đã ban hành"], Titles(await (await Client.GetAsync($"{PlansApi.Url}?year=2025")).ExpectJson(HttpStatusCode.OK)));
        Assert.Equal(["Kế hoạch năm sau", "Kế hoạch dự thảo"], Titles(await (await Client.GetAsync($"{PlansApi.Url}?status=Draft")).ExpectJson(HttpStatusCode.OK)));

        var both = await (await Client.GetAsync($"{PlansApi.Url}?year=2025&status=Issued")).ExpectJson(HttpStatusCode.OK);
        var only = Assert.Single(both["items"]!.AsArray());
        Assert.Equal((string?)issued["id"], (string?)only!["id"]);
        Assert.Equal("12/KH-UBND", (string?)only["number"]);
        Assert.Equal("2025-01-10", (string?)only["issueDate"]);
        Assert.Equal(1, (int)both["totalCount"]!);

        Assert.Empty((await (await Client.GetAsync($"{PlansApi.Url}?status=Closed")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task ListPlans_WhenPaged_AnswersTheListShapeWithANextPageLinkKeepingFilters()
    {
        for (var i = 1; i <= 5; i++) await Client.CreatePlan(2025, $"Kế hoạch {i}");
        await Client.CreatePlan(2024, "Kế hoạch cũ");

        var first = await (await Client.GetAsync($"{PlansApi.Url}?year=2025&pageSize=2")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Kế hoạch 1", "Kế hoạch 2"], Titles(first));
        Assert.Equal(5, (int)first["totalCount"]!);
        Assert.Equal(2, (int)first["pageSize"]!);
        var next = (string?)first["nextPage"];
        Assert.NotNull(next);
        Assert.Contains("year=2025", next);
        Assert.Contains("pageSize=2", next);
        Assert.Contains("page=2", next);

        var second = await (await Client.GetAsync(next)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Kế hoạch 3", "Kế hoạch 4"], Titles(second));
        var third = await (await Client.GetAsync((string)second["nextPage"]!)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Kế hoạch 5"], Titles(third));
        Assert.Equal(3, (int)third["page"]!);
        Assert.Null(third["nextPage"]);
    }

    [Theory]
    [InlineData("status=Open", "status")]
    [InlineData("year=1990", "year")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task ListPlans_WhenQueryInvalid_Returns400NamingTheParameter(string query, string field)
    {
        var problem = await (await Client.GetAsync($"{PlansApi.Url}?{query}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        if (field == "status") Assert.Contains("Draft, Issued, Closed", (string?)problem["errors"]![field]![0]);
    }
}

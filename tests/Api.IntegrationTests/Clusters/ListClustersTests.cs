using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class ListClustersTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonNode> List(string query = "") =>
        await (await Client.GetAsync(ClustersApi.Url + query)).ExpectJson(HttpStatusCode.OK);

    private static string[] Names(JsonNode page) => [.. page["items"]!.AsArray().Select(i => $"{i!["year"]} {i["name"]}")];

    private async Task Arrange()
    {
        await Client.CreateUnits("A", "B");
        await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader")]);
        await Client.CreateCluster(2026, "Khối các sở", kind: "Bloc", members: [("B", "Leader")]);
        await Client.CreateCluster(2026, "Cụm trường THPT", scope: "Sector", sector: "Giáo dục và Đào tạo", members: [("A", "Member")]);
        await Client.CreateCluster(2025, "Cụm thi đua số 1", members: [("B", "Member")]);
    }

    [Fact]
    public async Task ListClusters_WhenFiltered_CombinesYearKindScopeAndMemberUnit()
    {
        await Arrange();

        Assert.Equal(["2026 Cụm thi đua số 1", "2026 Khối các sở", "2026 Cụm trường THPT"], Names(await List("?year=2026")));
        Assert.Equal(["2026 Khối các sở"], Names(await List("?kind=Bloc")));
        Assert.Equal(["2026 Cụm trường THPT"], Names(await List("?scope=Sector")));
        Assert.Equal(["2026 Cụm thi đua số 1", "2026 Cụm trường THPT"], Names(await List("?unitCode=a")));
        Assert.Equal(["2025 Cụm thi đua số 1"], Names(await List("?unitCode=B&year=2025")));
        Assert.Empty(Names(await List("?year=2024")));
    }

    [Theory]
    [InlineData("?kind=Group", "kind")]
    [InlineData("?scope=National", "scope")]
    [InlineData("?year=3000", "year")]
    [InlineData("?unitCode=bad%20code!", "unitCode")]
    [InlineData("?pageSize=201", "pageSize")]
    public async Task ListClusters_WhenAParameterIsInvalid_Returns400NamingIt(string query, string field)
    {
        var problem = await (await Client.GetAsync(ClustersApi.Url + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }
}

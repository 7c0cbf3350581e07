using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>Luân phiên: the cluster of next year with the same members and the new leader, in one action.</summary>
public sealed class RotateClusterTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Rotate(string id, object body) => Client.PostJson($"{ClustersApi.Url}/{id}/rotate", body);

    private Task<long> ClusterCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM clusters");

    private async Task<System.Text.Json.Nodes.JsonNode> Arrange()
    {
        await Client.CreateUnits("A", "B", "C", "D");
        return await Client.CreateCluster(2026, "Cụm thi đua số 1", kind: "Cluster",
            members: [("A", "Leader"), ("B", "Deputy"), ("C", "Member"), ("D", "Member")]);
    }

    [Fact]
    public async Task RotateCluster_WhenNewLeaderAndDeputyAreMembers_OrganisesNextYearWithTheSameMembersAndNewRoles()
    {
        var cluster = await Arrange();

        var response = await Rotate(cluster.Id(), new { newLeaderUnitCode = "c", newDeputyUnitCode = "D", decisionNumber = "QĐ 3/QĐ-UBND", decisionDate = "2027-01-15" });

        var next = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/clusters/{next.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(next.ETag(), response.Headers.ETag?.Tag);
        Assert.NotEqual(cluster.Id(), next.Id());
        Assert.Equal(2027, (int)next["year"]!);
        Assert.Equal("Cụm thi đua số 1", (string?)next["name"]);
        Assert.Equal("Cluster", (string?)next["kind"]);
        Assert.Equal("Provincial", (string?)next["scope"]);
        Assert.Equal("QĐ 3/QĐ-UBND", (string?)next["decisionNumber"]);
        Assert.Equal("2027-01-15", (string?)next["decisionDate"]);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "Member", ["B"] = "Member", ["C"] = "Leader", ["D"] = "Deputy" }, next.Roles());
        var current = await Client.GetCluster(cluster.Id());
        Assert.Equal(cluster.ToJsonString(), current.ToJsonString()); // this year is left as it was
        Assert.Equal(4L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members WHERE year = 2027 AND scope = 'Provincial'"));
    }

    [Fact]
    public async Task RotateCluster_WhenThisYearHasACovenant_TheNextYearGetsADraftWithTheSameCriteriaAndNewIds()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [("A", 0, 70m)])).ExpectJson(HttpStatusCode.OK);
        var current = await Client.GetCovenant(cluster.Id());

        var next = await (await Rotate(cluster.Id(), new { newLeaderUnitCode = "B" })).ExpectJson(HttpStatusCode.Created);

        var drafted = await Client.GetCovenant(next.Id());
        Assert.Equal("Draft", (string?)drafted["status"]);
        Assert.Equal(next.Id(), (string?)drafted["clusterId"]);
        static IEnumerable<string> Shape(System.Text.Json.Nodes.JsonNode c) =>
            c["criteria"]!.AsArray().Select(k => $"{k!["code"]}|{k["name"]}|{k["maxPoints"]}|{k["kind"]}");
        Assert.Equal(["TC1|Nhiệm vụ chính trị|80|Standard", "TC2|Điểm thưởng|10|Bonus", "TC3|Điểm trừ|10|Penalty"], Shape(drafted));
        Assert.Empty(drafted["criteria"]!.AsArray().Select(k => (string?)k!["id"]).Intersect(current["criteria"]!.AsArray().Select(k => (string?)k!["id"])));
        Assert.Empty(drafted["signatories"]!.AsArray());
        Assert.Empty(drafted["scores"]!.AsArray());
        Assert.Equal(current.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString()); // this year's covenant is left as it was
    }

    [Fact]
    public async Task RotateCluster_WhenThisYearHasNoCovenant_TheNextYearHasNoneEither()
    {
        var cluster = await Arrange();

        var next = await (await Rotate(cluster.Id(), new { newLeaderUnitCode = "B" })).ExpectJson(HttpStatusCode.Created);

        await (await Client.GetAsync($"{ClustersApi.Url}/{next.Id()}/covenant")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }

    [Fact]
    public async Task RotateCluster_WhenNextYearIsAlreadyOrganised_Returns409AndWritesNothing()
    {
        var cluster = await Arrange();
        await (await Rotate(cluster.Id(), new { newLeaderUnitCode = "C" })).ExpectJson(HttpStatusCode.Created);

        var problem = await (await Rotate(cluster.Id(), new { newLeaderUnitCode = "D" })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("2027", (string?)problem["detail"]);
        Assert.Equal(2L, await ClusterCount());
        Assert.Equal("C", await Factory.ScalarAsync<string>(
            "SELECT u.code FROM cluster_members m JOIN units u ON u.id = m.unit_id WHERE m.year = 2027 AND m.role = 'Leader'"));
    }

    [Fact]
    public async Task RotateCluster_WhenRotatedConcurrently_OrganisesNextYearOnce()
    {
        var cluster = await Arrange();

        var responses = await Task.WhenAll(new[] { "B", "C", "D", "A", "B", "C", "D", "A", "B", "C" }
            .Select(code => Rotate(cluster.Id(), new { newLeaderUnitCode = code })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM clusters WHERE year = 2027"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members WHERE year = 2027 AND role = 'Leader'"));
    }

    [Theory]
    [InlineData("E", null)]  // a unit, but not a member
    [InlineData("C", "E")]
    [InlineData("C", "C")]   // leader and deputy at once
    public async Task RotateCluster_WhenTheNewLeaderOrDeputyIsNotAMemberOrTheSame_Returns409AndWritesNothing(string leader, string? deputy)
    {
        var cluster = await Arrange();
        await Client.CreateUnits("E");

        await (await Rotate(cluster.Id(), new { newLeaderUnitCode = leader, newDeputyUnitCode = deputy })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal(1L, await ClusterCount());
    }

    [Theory]
    [InlineData("""{}""", "newLeaderUnitCode")]
    [InlineData("""{"newLeaderUnitCode":"GHOST"}""", "newLeaderUnitCode")]
    [InlineData("""{"newLeaderUnitCode":"C","newDeputyUnitCode":"GHOST"}""", "newDeputyUnitCode")]
    [InlineData("""{"newLeaderUnitCode":"bad code!"}""", "newLeaderUnitCode")]
    public async Task RotateCluster_WhenACodeIsMissingOrUnknown_Returns400NamingTheField(string json, string field)
    {
        var cluster = await Arrange();

        var problem = await (await Client.PostAsync($"{ClustersApi.Url}/{cluster.Id()}/rotate", TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(1L, await ClusterCount());
    }

    [Fact]
    public async Task RotateCluster_WhenAMemberIsAlreadyInAnotherProvincialClusterNextYear_IsRefusedAndWritesNothing()
    {
        var cluster = await Arrange();
        await Client.CreateCluster(2027, "Khối các sở", kind: "Bloc", members: [("D", "Leader")]);

        var response = await Rotate(cluster.Id(), new { newLeaderUnitCode = "C" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("at most one provincial cluster", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM clusters WHERE year = 2027 AND name = 'Cụm thi đua số 1'"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members WHERE year = 2027"));
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class GetClusterTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task GetCluster_WhenItHasMembers_ListsTheLeaderThenTheDeputyThenMembersByCode()
    {
        await Client.CreateUnits("A", "B", "C", "D");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("D", "Member"), ("C", "Leader"), ("A", "Member"), ("B", "Deputy")]);

        var body = await Client.GetCluster(cluster.Id());

        Assert.Equal(["C", "B", "A", "D"], body["members"]!.AsArray().Select(m => (string?)m!["unit"]!["code"]));
    }

    [Fact]
    public async Task GetCluster_WhenItHasMembers_NamesEachMembersUnitByIdCodeNameAndKind()
    {
        await Client.CreateUnits("A");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);
        var unitId = (string?)(await (await Client.GetAsync("/api/v1/units/by-code/A")).ExpectJson(HttpStatusCode.OK))["id"];

        var member = (await Client.GetCluster(cluster.Id()))["members"]![0]!.AsObject();

        Assert.Equal(["unit", "role"], member.Select(p => p.Key));
        Assert.Equal("Leader", (string?)member["role"]);
        var unit = member["unit"]!;
        Assert.Equal(unitId, (string?)unit["id"]);
        Assert.Equal("A", (string?)unit["code"]);
        Assert.Equal("Đơn vị A", (string?)unit["name"]);
        Assert.Equal("Commune", (string?)unit["kind"]);
    }

    [Fact]
    public async Task GetCluster_WhenMembersChange_TheETagChangesAndTheOldOneNoLongerMatches()
    {
        await Client.CreateUnits("A");
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        var request = new HttpRequestMessage(HttpMethod.Get, $"{ClustersApi.Url}/{cluster.Id()}");
        request.Headers.TryAddWithoutValidation("If-None-Match", cluster.ETag());
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(request)).StatusCode);

        await (await Client.AssignMembers(cluster.Id(), [("A", "Leader")])).ExpectJson(HttpStatusCode.OK);

        var again = new HttpRequestMessage(HttpMethod.Get, $"{ClustersApi.Url}/{cluster.Id()}");
        again.Headers.TryAddWithoutValidation("If-None-Match", cluster.ETag());
        var response = await Client.SendAsync(again);
        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Single(body["members"]!.AsArray());
        Assert.NotEqual(cluster.ETag(), response.Headers.ETag?.Tag);
    }
}

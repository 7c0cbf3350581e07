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

        Assert.Equal(["C", "B", "A", "D"], body["members"]!.AsArray().Select(m => (string?)m!["unitCode"]));
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

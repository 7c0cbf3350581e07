using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class RemoveMemberTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Remove(string clusterId, string code, string? ifMatch = null) =>
        Client.Send(HttpMethod.Delete, $"{ClustersApi.Url}/{clusterId}/members/{code}", ifMatch: ifMatch);

    [Fact]
    public async Task RemoveMember_WhenAMember_TakesItOutAndFreesTheUnitForAnotherProvincialCluster()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader"), ("B", "Member")]);
        var other = await Client.CreateCluster(2026, "Cụm 2");

        var response = await Remove(cluster.Id(), "b", cluster.ETag());

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "Leader" }, body.Roles());
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        await (await Client.AssignMembers(other.Id(), [("B", "Leader")])).ExpectJson(HttpStatusCode.OK);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class UpdateClusterTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Put(string id, object body, string? ifMatch = null) =>
        Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{id}", body, ifMatch);

    [Fact]
    public async Task UpdateCluster_WhenValid_ChangesTheDescriptionAndKeepsYearScopeAndMembers()
    {
        await Client.CreateUnits("A");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);

        var response = await Put(cluster.Id(), new { kind = "Bloc", name = "Khối thi đua số 1", decisionNumber = "QĐ 20/QĐ-UBND", decisionDate = "2026-02-02" },
            cluster.ETag());

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Bloc", (string?)body["kind"]);
        Assert.Equal("Khối thi đua số 1", (string?)body["name"]);
        Assert.Equal("QĐ 20/QĐ-UBND", (string?)body["decisionNumber"]);
        Assert.Equal("2026-02-02", (string?)body["decisionDate"]);
        Assert.Equal(2026, (int)body["year"]!);
        Assert.Equal("Provincial", (string?)body["scope"]);
        Assert.Equal("Leader", body.Roles()["A"]);
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.NotEqual(cluster.ETag(), body.ETag());
    }

    [Fact]
    public async Task UpdateCluster_WhenIfMatchPredatesAMembershipChange_Returns412AndKeepsTheName()
    {
        await Client.CreateUnits("A");
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        await (await Client.AssignMembers(cluster.Id(), [("A", "Leader")])).ExpectJson(HttpStatusCode.OK);

        await (await Put(cluster.Id(), new { kind = "Cluster", name = "Cụm 2" }, cluster.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal("Cụm 1", (string?)(await Client.GetCluster(cluster.Id()))["name"]);
    }

    [Fact]
    public async Task UpdateCluster_WhenTheNameIsTakenForTheYearAndScope_Returns409NotAServerError()
    {
        await Client.CreateCluster(2026, "Cụm 1");
        var second = await Client.CreateCluster(2026, "Cụm 2");

        await (await Put(second.Id(), new { kind = "Cluster", name = "Cụm 1" })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("Cụm 2", (string?)(await Client.GetCluster(second.Id()))["name"]);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class NotFoundTests(ApiFactory factory) : ApiTest(factory)
{
    public static readonly TheoryData<string, string, bool> Routes = new()
    {
        // method, path after the cluster id, whether the cluster exists (without a covenant)
        { "GET", "", false },
        { "PUT", "", false },
        { "POST", "/members", false },
        { "DELETE", "/members/A", false },
        { "DELETE", "/members/GHOST", true },
        { "POST", "/rotate", false },
        { "GET", "/covenant", false },
        { "GET", "/covenant", true },
        { "PUT", "/covenant", false },
        { "POST", "/covenant/sign", true },
        { "PUT", "/covenant/scores", true },
        { "POST", "/covenant/publish", true },
        { "GET", "/ranking", false },
        { "GET", "/ranking", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Cluster_WhenTheClusterCovenantOrUnitIsUnknown_Returns404ProblemJsonAndWritesNothing(string method, string suffix, bool clusterExists)
    {
        await Client.CreateUnits("A");
        var id = clusterExists ? (await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")])).Id() : Guid.NewGuid().ToString();
        object? body = (method, suffix) switch
        {
            ("PUT", "") => new { kind = "Cluster", name = "Cụm 2" },
            ("POST", "/members") => new { members = ClustersApi.Members(("A", "Member")) },
            ("POST", "/rotate") => new { newLeaderUnitCode = "A" },
            ("PUT", "/covenant") => new { criteria = new[] { ClustersApi.Criterion("Tiêu chí", 10) } },
            ("POST", "/covenant/sign") => new { signedOn = "2026-03-15" },
            ("PUT", "/covenant/scores") => new { scores = new[] { new { unitCode = "A", criterionId = ClustersApi.NoSuchCriterion, points = 1 } } },
            ("POST", "/covenant/publish") => new { evaluatedOn = "2026-12-20" },
            _ => null,
        };

        await (await Client.Send(new HttpMethod(method), $"{ClustersApi.Url}/{id}{suffix}", body)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal(clusterExists ? 1L : 0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM clusters"));
        Assert.Equal(clusterExists ? 1L : 0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }
}

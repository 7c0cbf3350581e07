using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class CreateClusterTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> ClusterCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM clusters");

    private Task<long> MemberCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members");

    [Fact]
    public async Task CreateCluster_WhenValidWithMembers_Returns201WithRolesLocationAndETag()
    {
        await Client.CreateUnits("P-KB", "P-VC", "P-SV", "X-GB");

        var response = await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "  Cụm thi đua số 1  ",
            members: [("p-kb", "Member"), ("P-VC", "Leader"), ("P-SV", "Deputy"), ("X-GB", "Member")],
            decisionNumber: "Quyết định số 15/QĐ-UBND", decisionDate: "2026-01-20"));

        var body = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/clusters/{body.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal(2026, (int)body["year"]!);
        Assert.Equal("Cluster", (string?)body["kind"]);
        Assert.Equal("Provincial", (string?)body["scope"]);
        Assert.Equal("Cụm thi đua số 1", (string?)body["name"]);
        Assert.Equal("Quyết định số 15/QĐ-UBND", (string?)body["decisionNumber"]);
        Assert.Equal("2026-01-20", (string?)body["decisionDate"]);
        Assert.Equal(new Dictionary<string, string> { ["P-VC"] = "Leader", ["P-SV"] = "Deputy", ["P-KB"] = "Member", ["X-GB"] = "Member" }, body.Roles());
        Assert.Equal("Đơn vị P-VC", (string?)body["members"]!.AsArray().Single(m => (string?)m!["role"] == "Leader")!["unit"]!["name"]);
        Assert.Equal(body.ToJsonString(), (await Client.GetCluster(body.Id())).ToJsonString());
        Assert.Equal(4L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members WHERE year = 2026 AND scope = 'Provincial'"));
    }

    [Fact]
    public async Task CreateCluster_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndWritesNothing()
    {
        var problem = await (await Client.PostAsync(ClustersApi.Url, TestHttp.Json(
            """{"year":1999,"scope":"Sector","name":"  ","decisionNumber":"%s"}""".Replace("%s", new string('x', 101)))))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("year", errors);
        Assert.Contains("kind", errors);
        Assert.Contains("name", errors);
        Assert.Contains("sector", errors);
        Assert.Contains("decisionNumber", errors);
        Assert.Equal(0L, await ClusterCount());
    }

    [Fact]
    public async Task CreateCluster_WhenAFieldIsInvalidAndAMemberCodeIsUnknown_Returns400NamingBothAtOnce()
    {
        await Client.CreateUnits("A");

        var problem = await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "  ", members: [("A", "Leader"), ("GHOST", "Member")])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["members[1].unitCode", "name"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("No unit has the code 'GHOST'.", (string?)problem["errors"]!["members[1].unitCode"]![0]);
        Assert.Equal(0L, await ClusterCount());
    }

    [Fact]
    public async Task CreateCluster_WhenMembersListTwoLeadersOrAUnitTwice_Returns400AndWritesNothing()
    {
        await Client.CreateUnits("A", "B", "C");

        var twoLeaders = await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "Cụm 1", members: [("A", "Leader"), ("B", "Leader")])))
            .ExpectProblem(HttpStatusCode.BadRequest);
        var twice = await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "Cụm 1", members: [("A", "Member"), ("a", "Deputy")])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        // The error names the row that repeats (as the handler's own errors name "members[1].unitCode").
        Assert.Equal(["members[1].role"], twoLeaders["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("one leader", twoLeaders["errors"]!["members[1].role"]![0]!.ToString());
        Assert.Equal(["members[1].unitCode"], twice["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("twice", twice["errors"]!["members[1].unitCode"]![0]!.ToString());
        Assert.Equal(0L, await ClusterCount());
    }

    [Fact]
    public async Task CreateCluster_WhenAUnitCodeIsUnknown_Returns400NamingTheRowAndWritesNothing()
    {
        await Client.CreateUnits("A", "B");

        var problem = await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "Cụm 1",
            members: [("A", "Leader"), ("GHOST", "Member"), ("B", "Member")]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("GHOST", (string?)problem["errors"]!["members[1].unitCode"]![0]);
        Assert.Equal(0L, await ClusterCount());
        Assert.Equal(0L, await MemberCount());
    }

    [Fact]
    public async Task CreateCluster_WhenNameTakenForTheYearAndScope_Returns409ButOtherYearOrScopeIsFine()
    {
        await Client.CreateCluster(2026, "Cụm thi đua số 1");

        await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "Cụm thi đua số 1", kind: "Bloc"))).ExpectProblem(HttpStatusCode.Conflict);
        await Client.CreateCluster(2027, "Cụm thi đua số 1");
        await Client.CreateCluster(2026, "Cụm thi đua số 1", scope: "InterProvincial");

        Assert.Equal(3L, await ClusterCount());
    }

    [Fact]
    public async Task CreateCluster_WhenAUnitIsInAnotherProvincialClusterThatYear_Returns400NamingRowAndCluster()
    {
        await Client.CreateUnits("A", "B");
        await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader")]);

        var problem = await (await Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, "Khối thi đua số 2", kind: "Bloc",
            members: [("B", "Leader"), ("A", "Member")]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("Cụm thi đua số 1", (string?)problem["errors"]!["members[1].unitCode"]![0]);
        Assert.Equal(1L, await ClusterCount());
        Assert.Equal(1L, await MemberCount());
    }

    [Fact]
    public async Task CreateCluster_WhenTheUnitIsInAProvincialClusterOfAnotherYearOrAnotherScope_IsAccepted()
    {
        await Client.CreateUnits("A");
        await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader")]);

        await Client.CreateCluster(2027, "Cụm thi đua số 1", members: [("A", "Leader")]);
        await Client.CreateCluster(2026, "Cụm ngành Giáo dục", scope: "Sector", sector: "Giáo dục và Đào tạo", members: [("A", "Member")]);
        await Client.CreateCluster(2026, "Cụm các tỉnh Trung du và Đồng bằng Sông Hồng", scope: "InterProvincial", members: [("A", "Deputy")]);

        Assert.Equal(4L, await MemberCount());
    }

    [Fact]
    public async Task CreateCluster_WhenClustersWithTheSameUnitAreCreatedConcurrently_OnlyOneHoldsTheUnitAndTheOthersAreNotWritten()
    {
        await Client.CreateUnits("A");

        // Writes to the members are held until all twelve have read (and found A free): each loser is a true race loser.
        Task<HttpResponseMessage[]> sent;
        await using (var gate = await Factory.HoldWritesAsync("cluster_members"))
        {
            sent = Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() =>
                Client.PostJson(ClustersApi.Url, ClustersApi.ClusterBody(2026, $"Cụm thi đua số {i}", members: [("A", "Leader")])))));
            await gate.WaitForWaitingWritersAsync(12);
        }
        var responses = await sent;

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await refused.ExpectProblem(HttpStatusCode.Conflict);
            Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        }
        Assert.Equal(1L, await ClusterCount());
        Assert.Equal(1L, await MemberCount());
    }
}

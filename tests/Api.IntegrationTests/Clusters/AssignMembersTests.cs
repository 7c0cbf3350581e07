using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

public sealed class AssignMembersTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> Count(string where) => Factory.ScalarAsync<long>($"SELECT count(*) FROM cluster_members WHERE {where}");

    [Fact]
    public async Task AssignMembers_WhenSeveralRowsRepeatAUnitOrARole_Returns400NamingEveryRepeat()
    {
        await Client.CreateUnits("A", "B", "C");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);

        var problem = await (await Client.AssignMembers(cluster.Id(), [("B", "Leader"), ("b", "Member"), ("C", "Leader"), ("c", "Member")]))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["members[1].unitCode", "members[2].role", "members[3].unitCode"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(cluster.ETag(), (await Client.GetCluster(cluster.Id())).ETag());
    }

    [Theory]
    [InlineData("Leader", "A")]
    [InlineData("Deputy", "B")]
    public async Task AssignMembers_WhenANewLeaderOrDeputyIsAppointed_TheUnitThatHeldTheRoleBecomesAMember(string role, string previous)
    {
        await Client.CreateUnits("A", "B", "C");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader"), ("B", "Deputy")]);

        var response = await Client.AssignMembers(cluster.Id(), [("c", role)], cluster.ETag());

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(role, body.Roles()["C"]);
        Assert.Equal("Member", body.Roles()[previous]);
        Assert.Equal(3, body.Roles().Count);
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal(1L, await Count($"cluster_id = '{cluster.Id()}' AND role = '{role}'"));
    }

    [Fact]
    public async Task AssignMembers_WhenLeaderAndDeputySwapInOneRequest_BothRolesMove()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader"), ("B", "Deputy")]);

        var body = await (await Client.AssignMembers(cluster.Id(), [("A", "Deputy"), ("B", "Leader")])).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "Deputy", ["B"] = "Leader" }, body.Roles());
        Assert.Equal("B", await Factory.ScalarAsync<string>(
            $"SELECT u.code FROM cluster_members m JOIN units u ON u.id = m.unit_id WHERE m.cluster_id = '{cluster.Id()}' AND m.role = 'Leader'"));
    }

    [Fact]
    public async Task AssignMembers_WhenSomeRowsAreBad_Returns400NamingEveryBadRowAndWritesNothing()
    {
        await Client.CreateUnits("A", "B", "C", "D");
        await Client.CreateCluster(2026, "Cụm 2", members: [("D", "Leader")]);
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);

        var problem = await (await Client.AssignMembers(cluster.Id(), [("B", "Member"), ("GHOST1", "Member"), ("C", "Leader"), ("D", "Member"), ("GHOST2", "Deputy")]))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        Assert.Equal(["members[1].unitCode", "members[3].unitCode", "members[4].unitCode"], errors);
        Assert.Contains("GHOST1", (string?)problem["errors"]!["members[1].unitCode"]![0]);
        Assert.Contains("Cụm 2", (string?)problem["errors"]!["members[3].unitCode"]![0]);
        var after = await Client.GetCluster(cluster.Id());
        Assert.Equal(new Dictionary<string, string> { ["A"] = "Leader" }, after.Roles());
        Assert.Equal(cluster.ETag(), after.ETag());
    }

    [Fact]
    public async Task AssignMembers_WhenOneRowIsMalformedAndAnotherNamesAnUnknownUnit_Returns400NamingBothAtOnce()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);

        var problem = await (await Client.PostAsync($"{ClustersApi.Url}/{cluster.Id()}/members", TestHttp.Json(
            """{"members":[{"unitCode":"B","role":null},{"unitCode":"GHOST","role":"Member"},{"unitCode":"bad code!","role":"Member"}]}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["members[0].role", "members[1].unitCode", "members[2].unitCode"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("No unit has the code 'GHOST'.", (string?)errors["members[1].unitCode"]![0]);
        Assert.Single(errors["members[2].unitCode"]!.AsArray());
        Assert.DoesNotContain("No unit", (string?)errors["members[2].unitCode"]![0], StringComparison.Ordinal);
        Assert.Equal(cluster.ETag(), (await Client.GetCluster(cluster.Id())).ETag());
    }

    [Theory]
    [InlineData("""{"members":[]}""", "members")]
    [InlineData("""{}""", "members")]
    [InlineData("""{"members":[{"unitCode":"A","role":"Leader"},{"unitCode":"B","role":"Leader"}]}""", "members[1].role")]
    [InlineData("""{"members":[{"unitCode":"bad code!","role":"Member"}]}""", "members[0].unitCode")]
    [InlineData("""{"members":[{"unitCode":"A","role":"Chair"}]}""", "members[0].role")]
    public async Task AssignMembers_WhenTheListIsInvalid_Returns400NamingTheField(string json, string field)
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var problem = await (await Client.PostAsync($"{ClustersApi.Url}/{cluster.Id()}/members", TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0L, await Count("true"));
    }

    [Fact]
    public async Task AssignMembers_WhenManyRequestsAppointDifferentMembersLeaderConcurrently_TheClusterEndsWithExactlyOneLeader()
    {
        var codes = Enumerable.Range(1, 16).Select(i => $"U{i:D2}").ToArray();
        await Client.CreateUnits(codes);
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [.. codes.Select((c, i) => (c, i == 0 ? "Leader" : "Member"))]);

        var responses = await Concurrently(codes.Skip(1).Select(c => (Func<Task<HttpResponseMessage>>)(() => Client.AssignMembers(cluster.Id(), [(c, "Leader")]))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await ExpectConflicts(responses);
        Assert.Equal(1L, await Count($"cluster_id = '{cluster.Id()}' AND role = 'Leader'"));
        Assert.Equal(16L, await Count($"cluster_id = '{cluster.Id()}'"));
        var roles = (await Client.GetCluster(cluster.Id())).Roles();
        Assert.Single(roles, r => r.Value == "Leader");
        Assert.Equal("Member", roles["U01"]);
    }

    [Fact]
    public async Task AssignMembers_WhenManyRequestsAddNewUnitsAsLeaderConcurrently_ExactlyOneLeaderAndOnlySuccessfulRowsWritten()
    {
        var codes = Enumerable.Range(1, 15).Select(i => $"U{i:D2}").ToArray();
        await Client.CreateUnits(codes);
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var responses = await Concurrently(codes.Select(c => (Func<Task<HttpResponseMessage>>)(() => Client.AssignMembers(cluster.Id(), [(c, "Leader")]))));

        var succeeded = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, succeeded);
        await ExpectConflicts(responses);
        Assert.Equal(1L, await Count($"cluster_id = '{cluster.Id()}' AND role = 'Leader'"));
        Assert.Equal(succeeded, await Count($"cluster_id = '{cluster.Id()}'"));
    }

    [Fact]
    public async Task AssignMembers_WhenOneUnitIsPutIntoDifferentProvincialClustersConcurrently_ItEndsInExactlyOne()
    {
        await Client.CreateUnits("X");
        var clusters = new List<string>();
        for (var i = 1; i <= 15; i++) clusters.Add((await Client.CreateCluster(2026, $"Cụm thi đua số {i}", kind: i % 2 == 0 ? "Bloc" : "Cluster")).Id());

        var responses = await Concurrently(clusters.Select(id => (Func<Task<HttpResponseMessage>>)(() => Client.AssignMembers(id, [("X", "Member")]))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await ExpectConflicts(responses);
        Assert.Equal(1L, await Count("year = 2026 AND scope = 'Provincial'"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM cluster_members m JOIN units u ON u.id = m.unit_id WHERE u.code = 'X'"));
    }

    /// <summary>
    /// Sends the requests while writes to cluster_members are held, and lets them go once every one has read and queued
    /// its write: each is then a true concurrent loser or winner, never a late request that sees the winner's commit.
    /// </summary>
    private async Task<HttpResponseMessage[]> Concurrently(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var list = requests.ToList();
        Task<HttpResponseMessage[]> sent;
        await using (var gate = await Factory.HoldWritesAsync("cluster_members"))
        {
            sent = Task.WhenAll(list.Select(Task.Run));
            await gate.WaitForWaitingWritersAsync(list.Count);
        }
        return await sent;
    }

    /// <summary>Every request but the winner lost the race: 409, as the README promises, with a problem body.</summary>
    private static async Task ExpectConflicts(HttpResponseMessage[] responses)
    {
        foreach (var refused in responses.Where(r => !r.IsSuccessStatusCode))
        {
            var problem = await refused.ExpectProblem(HttpStatusCode.Conflict);
            Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>
/// Every body that names units by code answers an unknown code the same way: 400, <c>errors</c> keyed by the field as
/// sent (the element's index included), the message "No unit has the code 'X'." with the code as sent (trimmed); a
/// known code matches without regard to case; nothing is written.
/// </summary>
public sealed class UnknownUnitCodeTests(ApiFactory factory) : ApiTest(factory)
{
    private static void AssertOnlyError(JsonNode problem, string field, string code)
    {
        var errors = problem["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Equal([$"No unit has the code '{code}'."], errors[field]!.AsArray().Select(m => (string?)m));
    }

    [Fact]
    public async Task CreateTask_WhenAnAssigneeCodeIsUnknown_Returns400OnThatAssigneesUnitCode()
    {
        await Client.CreateUnits("SNV", "STC");
        var planId = (string)(await Client.CreatePlan(2026, "Kế hoạch thử"))["id"]!;

        var problem = await (await Client.PostTask(planId, TaskBody(leads: [Unit("snv")], coordinators: [Unit("Stc"), Unit(" Ghost-1 ")])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        AssertOnlyError(problem, "coordinators[1].unitCode", "Ghost-1");
        Assert.Equal(0L, await Factory.Count("tasks"));
    }

    [Fact]
    public async Task RecordScores_WhenAScoreCodeIsUnknown_Returns400OnThatScoresUnitCode()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.RecordScores(cluster.Id(), [("a", 0, 10m), ("Ghost-1", 0, 10m), ("c", 0, 5m)]))
            .ExpectProblem(HttpStatusCode.BadRequest);

        AssertOnlyError(problem, "scores[1].unitCode", "Ghost-1");
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM member_scores"));
    }

    [Fact]
    public async Task AssignMembers_WhenAMemberCodeIsUnknown_Returns400OnThatMembersUnitCode()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader")]);

        var problem = await (await Client.AssignMembers(cluster.Id(), [("b", "Member"), ("Ghost-1", "Deputy")]))
            .ExpectProblem(HttpStatusCode.BadRequest);

        AssertOnlyError(problem, "members[1].unitCode", "Ghost-1");
        Assert.Equal(["A"], (await Client.GetCluster(cluster.Id())).Roles().Keys);
    }

    [Fact]
    public async Task CreateMovement_WhenAParticipantCodeIsUnknown_Returns400OnThatParticipant()
    {
        await Client.CreateUnits("SNV");

        var problem = await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Phong trào A", participantUnitCodes: ["snv", "Ghost-1"])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        AssertOnlyError(problem, "participantUnitCodes[1]", "Ghost-1");
        Assert.Equal(0L, await Factory.Count("movements"));
    }

    [Fact]
    public async Task SignCovenant_WhenASignatoryCodeIsUnknown_Returns400OnThatSignatory()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");

        var problem = await (await Client.Sign(cluster.Id(), signatoryUnitCodes: ["a", "Ghost-1", "B"])).ExpectProblem(HttpStatusCode.BadRequest);

        AssertOnlyError(problem, "signatoryUnitCodes[1]", "Ghost-1");
        Assert.Equal("Draft", (string?)(await Client.GetCovenant(cluster.Id()))["status"]);
    }

    [Theory]
    [InlineData("participantUnitCodes")]
    [InlineData("signatoryUnitCodes")]
    public async Task CodeList_WhenAnElementIsNotACode_Returns400OnThatElement(string field)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        var (url, body) = field == "participantUnitCodes"
            ? (MovementsApi.Url, """{"name":"Phong trào A","form":"Thematic","launcherLevel":"Province","startDate":"2026-01-01","participantUnitCodes":["A",null]}""")
            : ($"{ClustersApi.Url}/{cluster.Id()}/covenant/sign", """{"signedOn":"2026-03-15","signatoryUnitCodes":["A",null]}""");

        var problem = await (await Client.PostAsync(url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([$"{field}[1]"], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/summary")]
    public async Task WorkListAndScorecard_WhenUnitCodeIsUnknown_Return400OnUnitCode_AndAKnownCodeMatchesInAnyCase(string path)
    {
        await Client.CreateUnits("SNV");

        var problem = await (await Client.GetAsync($"{Obligations.ObligationsApi.Url}{path}?unitCode=%20Ghost-1%20&year=2026"))
            .ExpectProblem(HttpStatusCode.BadRequest);
        AssertOnlyError(problem, "unitCode", "Ghost-1");

        var known = await (await Client.GetAsync($"{Obligations.ObligationsApi.Url}{path}?unitCode=snv&year=2026")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, (int)known["totalCount"]!);
        Assert.Empty(known["items"]!.AsArray());
    }
}

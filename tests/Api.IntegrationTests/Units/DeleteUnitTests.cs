using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class DeleteUnitTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task DeleteUnit_WhenLeaf_Returns204AndTheUnitIsGone()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");

        var response = await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await Client.GetAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"{UnitsApi.Url}/by-code/SNV")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'SNV'"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'STC'"));
    }

    [Fact]
    public async Task DeleteUnit_WhenLeaf_FreesItsCodeForANewUnit()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).StatusCode);

        var again = await Client.CreateUnit("snv", "Sở Nội vụ (đăng ký lại)");

        Assert.NotEqual((string?)unit["id"], (string?)again["id"]);
        Assert.Equal("snv", (string?)again["code"]);
    }

    [Fact]
    public async Task DeleteUnit_WhenItHasAChild_Returns409AndKeepsBoth()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        await Client.CreateUnit("VP", "Văn phòng", parentCode: "UBND");

        var problem = await (await Client.DeleteAsync($"{UnitsApi.Url}/{parent["id"]}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Deactivate", (string?)problem["detail"]);
        var still = await (await Client.GetAsync($"{UnitsApi.Url}/{parent["id"]}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("UBND", (string?)still["code"]);
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal((string?)parent["id"], (string?)(await Client.GetUnitByCode("VP"))["parentId"]);
    }

    [Fact]
    public async Task DeleteUnit_WhenATaskIsAssignedToIt_Returns409AndKeepsTheUnitAndTheTask()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan();
        var task = await Client.CreateTask(plan["id"]!, leads: [PlansApi.Unit("SNV")]);

        await ExpectReferenced(unit);

        Assert.Equal("SNV", (string?)(await Client.GetTask(task["id"]!))["leads"]![0]!["unitCode"]);
    }

    [Fact]
    public async Task DeleteUnit_WhenItIsAClusterMember_Returns409AndKeepsTheUnitAndTheMembership()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("SNV", "Leader")]);

        await ExpectReferenced(unit);

        Assert.Equal(new Dictionary<string, string> { ["SNV"] = "Leader" }, (await Client.GetCluster(cluster.Id())).Roles());
    }

    [Fact]
    public async Task DeleteUnit_WhenItTakesPartInAMovement_Returns409AndKeepsTheUnitAndTheParticipant()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var movement = await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Thi đua cải cách hành chính", participantUnitCodes: ["SNV"])))
            .ExpectJson(HttpStatusCode.Created);

        await ExpectReferenced(unit);

        Assert.Equal((string?)unit["id"], (string?)movement["participants"]![0]!["unit"]!["id"]);
        Assert.Equal(movement.ToJsonString(), (await Client.GetMovement(movement.Id())).ToJsonString());
    }

    [Fact]
    public async Task DeleteUnit_WhenAnApiKeyNamesIt_Returns409AndKeepsTheUnit_AndOnceTheKeyIsRevokedDeletesIt()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var key = await (await Client.PostJson(AccessApi.KeysUrl, new { name = "Phần mềm của Sở Nội vụ", role = "Unit", unitCode = "SNV" })).ExpectJson(HttpStatusCode.Created);

        var problem = await ExpectReferenced(unit);

        Assert.Contains("API key", (string?)problem["detail"]);
        using var client = Factory.ClientWithKey((string)key["key"]!);
        await (await client.GetAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectJson(HttpStatusCode.OK);
        await (await Client.PostAsync($"{AccessApi.KeysUrl}/{key["apiKey"]!["id"]}/revoke", null)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).StatusCode);
    }

    /// <summary>DELETE answers 409 saying to deactivate instead, and the unit is still there, unchanged.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> ExpectReferenced(System.Text.Json.Nodes.JsonNode unit)
    {
        var before = await (await Client.GetAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectJson(HttpStatusCode.OK);
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var problem = await (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Deactivate", (string?)problem["detail"]);
        var after = await (await Client.GetAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
        return problem;
    }

    [Fact]
    public async Task DeleteUnit_WhenChildDeletedFirst_DeletesTheParentToo()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        var child = await Client.CreateUnit("VP", "Văn phòng", parentCode: "UBND");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{child["id"]}")).StatusCode);
        var response = await Client.DeleteAsync($"{UnitsApi.Url}/{parent["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task DeleteUnit_WhenIdUnknown_Returns404Problem()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();

        var problem = await (await Client.DeleteAsync($"{UnitsApi.Url}/{id}")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task DeleteUnit_WhenDeletedTwice_Returns404TheSecondTime()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).StatusCode);

        await (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectProblem(HttpStatusCode.NotFound);
    }
}

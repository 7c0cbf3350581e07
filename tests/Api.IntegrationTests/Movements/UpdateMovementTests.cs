using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Movements;

public sealed class UpdateMovementTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Put(string id, object body, string? ifMatch = null) =>
        Client.Send(HttpMethod.Put, $"{MovementsApi.Url}/{id}", body, ifMatch);

    [Fact]
    public async Task UpdateMovement_WhenValid_ReplacesEveryFieldAndAnswersTheNewETag()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var cluster = await Client.CreateCluster(2026, "Khối các sở", kind: "Bloc");
        var parent = await Client.CreateMovement("Phong trào cha", form: "Regular", launcherLevel: "Central");
        var movement = await Client.CreateMovement("Phong trào con", slogan: "Khẩu hiệu cũ");
        await (await Client.Step(movement.Id(), "launch", "2026-01-05")).ExpectJson(HttpStatusCode.OK);
        var launched = await Client.GetMovement(movement.Id());

        var response = await Put(movement.Id(), MovementsApi.Body("Phong trào con (đổi tên)", form: "Regular", launcherLevel: "Sector",
            startDate: "2026-01-05", endDate: "2026-12-31", launchDocument: "Chỉ thị số 41-CT/TW", scope: "Ngành Nội vụ",
            parentMovementId: parent.Id(), participantUnitCodes: ["SNV"], participantClusterIds: [cluster.Id()]), launched.ETag());

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Phong trào con (đổi tên)", (string?)body["name"]);
        Assert.Null(body["slogan"]);
        Assert.Equal("Regular", (string?)body["form"]);
        Assert.Equal("Sector", (string?)body["launcherLevel"]);
        Assert.Equal("2026-12-31", (string?)body["endDate"]);
        Assert.Equal(parent.Id(), (string?)body["parentMovementId"]);
        Assert.Equal(2, body["participants"]!.AsArray().Count);
        Assert.Equal("Launched", (string?)body["status"]);
        Assert.Single(body["steps"]!.AsArray());
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.NotEqual(launched.ETag(), body.ETag());
        Assert.Equal("Phong trào con (đổi tên)", await Factory.ScalarAsync<string>($"SELECT name FROM movements WHERE id = '{movement.Id()}'"));
    }

    [Fact]
    public async Task UpdateMovement_WhenIfMatchIsStale_Returns412AndKeepsTheData()
    {
        var movement = await Client.CreateMovement("Phong trào A");
        await (await Put(movement.Id(), MovementsApi.Body("Phong trào B"), movement.ETag())).ExpectJson(HttpStatusCode.OK);

        await (await Put(movement.Id(), MovementsApi.Body("Phong trào C"), movement.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal("Phong trào B", (string?)(await Client.GetMovement(movement.Id()))["name"]);
    }

    [Fact]
    public async Task UpdateMovement_WhenClosed_Returns409AndChangesNothing()
    {
        var movement = await Client.CreateMovement("Phong trào A");
        var closed = await Client.Reach(movement.Id(), "Closed");

        var problem = await (await Put(movement.Id(), MovementsApi.Body("Phong trào B"))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("closed", (string?)problem["detail"]);
        Assert.Equal(closed.ToJsonString(), (await Client.GetMovement(movement.Id())).ToJsonString());
    }

    [Theory]
    [InlineData("A")] // itself
    [InlineData("C")] // C continues B, which continues A
    public async Task UpdateMovement_WhenTheParentWouldCloseACycle_Returns409AndKeepsTheParent(string parent)
    {
        var a = await Client.CreateMovement("Phong trào A");
        var b = await Client.CreateMovement("Phong trào B", parentMovementId: a.Id());
        var c = await Client.CreateMovement("Phong trào C", parentMovementId: b.Id());

        await (await Put(a.Id(), MovementsApi.Body("Phong trào A", parentMovementId: parent == "A" ? a.Id() : c.Id()))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Null((await Client.GetMovement(a.Id()))["parentMovementId"]);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Movements;

public sealed class DeleteMovementTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Delete(string id, string? ifMatch = null) =>
        Client.Send(HttpMethod.Delete, $"{MovementsApi.Url}/{id}", ifMatch: ifMatch);

    private Task<long> MovementCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM movements");

    [Fact]
    public async Task DeleteMovement_WhenDraft_Returns204AndTheMovementIsGone()
    {
        var movement = await Client.CreateMovement("Phong trào A");

        var response = await Delete(movement.Id(), movement.ETag());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Client.GetAsync($"{MovementsApi.Url}/{movement.Id()}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await MovementCount());
    }

    [Theory]
    [InlineData("Launched")]
    [InlineData("InterimReviewed")]
    [InlineData("FinalReviewed")]
    [InlineData("Closed")]
    public async Task DeleteMovement_WhenNotADraft_Returns409AndKeepsIt(string status)
    {
        var movement = await Client.CreateMovement("Phong trào A");
        var before = await Client.Reach(movement.Id(), status);

        var problem = await (await Delete(movement.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(status, (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(movement.Id())).ToJsonString());
    }

    [Fact]
    public async Task DeleteMovement_WhenAnotherMovementContinuesIt_Returns409AndKeepsBoth()
    {
        var parent = await Client.CreateMovement("Phong trào A");
        await Client.CreateMovement("Phong trào B", parentMovementId: parent.Id());

        var problem = await (await Delete(parent.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("continues", (string?)problem["detail"]);
        Assert.Equal(2L, await MovementCount());
    }
}

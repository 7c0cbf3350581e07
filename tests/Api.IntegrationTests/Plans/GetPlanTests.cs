using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Plans;

public sealed class GetPlanTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task GetPlan_WhenIfNoneMatchIsCurrent_Returns304_AndAfterAChange200WithANewETag()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch thi đua");
        var first = await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}");
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.ETag();
        Assert.StartsWith($"\"{plan["version"]}-", etag);

        var notModified = await Client.Send(HttpMethod.Get, $"{PlansApi.Url}/{plan["id"]}", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await (await Client.Send(HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2026, title = "Kế hoạch thi đua (sửa)" }))
            .ExpectJson(HttpStatusCode.OK);
        var changed = await Client.Send(HttpMethod.Get, $"{PlansApi.Url}/{plan["id"]}", ifNoneMatch: etag);
        var body = await changed.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Kế hoạch thi đua (sửa)", (string?)body["title"]);
        Assert.NotEqual(etag, changed.ETag());
    }

    /// <summary>The plan's representation carries taskCount, so a strong ETag must not let a client keep a stale count.</summary>
    [Fact]
    public async Task GetPlan_WhenATaskWasAddedSinceTheETag_Returns200WithTheNewTaskCount()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan();
        var first = await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}");
        Assert.Equal(0, (int)(await first.ExpectJson(HttpStatusCode.OK))["taskCount"]!);

        await Client.CreateTask(plan["id"]!);

        var again = await Client.Send(HttpMethod.Get, $"{PlansApi.Url}/{plan["id"]}", ifNoneMatch: first.ETag());
        var body = await again.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(1, (int)body["taskCount"]!);
    }
}

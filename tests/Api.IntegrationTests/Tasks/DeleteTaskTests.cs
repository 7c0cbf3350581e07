using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

public sealed class DeleteTaskTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<(string PlanId, string TaskId, string ETag)> DraftWithTask()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan(2025, "Kế hoạch thử");
        var response = await Client.PostTask(plan["id"]!, TaskBody(coordinators: [Group("RelatedUnits")]));
        var task = await response.ExpectJson(HttpStatusCode.Created);
        return ((string)plan["id"]!, (string)task["id"]!, response.ETag());
    }

    [Fact]
    public async Task DeleteTask_WhenThePlanIsADraft_Returns204AndRemovesTheTaskAndItsAssignees()
    {
        var (planId, taskId, _) = await DraftWithTask();

        var response = await Client.DeleteAsync($"{TasksUrl}/{taskId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Client.GetAsync($"{TasksUrl}/{taskId}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Factory.Count("tasks"));
        Assert.Equal(0L, await Factory.Count("task_assignees"));
        Assert.Equal(0, (int)(await Client.GetPlan(planId))["taskCount"]!);
        // The number is free again.
        await Client.CreateTask(planId, "Q1", 1);
    }

    [Fact]
    public async Task DeleteTask_WhenThePlanIsIssued_Returns409AndKeepsTheTask()
    {
        var (planId, taskId, _) = await DraftWithTask();
        await Client.IssuePlan(planId);

        var problem = await (await Client.DeleteAsync($"{TasksUrl}/{taskId}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("issued", (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.Count("tasks"));
        Assert.Equal(2L, await Factory.Count("task_assignees"));
    }

    [Fact]
    public async Task DeleteTask_WhenIfMatchIsStale_Returns412AndKeepsTheTask_AndWithTheCurrentETagDeletes()
    {
        var (_, taskId, staleETag) = await DraftWithTask();
        var updated = await Client.Send(HttpMethod.Put, $"{TasksUrl}/{taskId}", TaskBody(content: "Đã sửa"));
        await updated.ExpectJson(HttpStatusCode.OK);

        await (await Client.Send(HttpMethod.Delete, $"{TasksUrl}/{taskId}", ifMatch: staleETag)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1L, await Factory.Count("tasks"));

        var deleted = await Client.Send(HttpMethod.Delete, $"{TasksUrl}/{taskId}", ifMatch: updated.ETag());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await Factory.Count("tasks"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

public sealed class UpdateTaskTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<(string PlanId, JsonNode Task)> DraftWithTask()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        var plan = await Client.CreatePlan(2025, "Kế hoạch thử");
        var task = await Client.CreateTask(plan["id"]!, "Q1", 1, "Nội dung ban đầu", Month(3), [Unit("SNV")], [Unit("STC")]);
        return ((string)plan["id"]!, task);
    }

    private Task<HttpResponseMessage> Put(object id, object body, string? ifMatch = null) =>
        Client.Send(HttpMethod.Put, $"{TasksUrl}/{id}", body, ifMatch: ifMatch);

    private Task<string> StoredContent() => Factory.ScalarAsync<string>("select content from tasks");

    [Fact]
    public async Task UpdateTask_WhenThePlanIsADraft_ReplacesEverythingAndAnswersANewVersion()
    {
        var (_, task) = await DraftWithTask();

        var response = await Put(task["id"]!, TaskBody("Q3", 2, "Nội dung mới", Quarter(3, "nếu có"), [Group("AllLocalitiesAndUnits")], [Unit("SNV"), Group("RelatedUnits")]));

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)task["id"], (string?)body["id"]);
        Assert.Equal("Q3", (string?)body["group"]);
        Assert.Equal(2, (int)body["sequence"]!);
        Assert.Equal("Nội dung mới", (string?)body["content"]);
        Assert.Equal("Quarter", (string?)body["timing"]!["kind"]);
        Assert.Equal("nếu có", (string?)body["timing"]!["condition"]);
        Assert.Equal("2025-09-30", (string?)body["deadline"]);
        Assert.Equal(["AllLocalitiesAndUnits"], body.Codes("leads"));
        Assert.Equal(["SNV", "RelatedUnits"], body.Codes("coordinators"));
        Assert.NotEqual((uint)task["version"]!, (uint)body["version"]!);
        Assert.True(body.UpdatedAt() > task.UpdatedAt());
        Assert.StartsWith($"\"{body["version"]}-", response.ETag());

        var reread = await Client.GetTask(task["id"]!);
        Assert.Equal("Nội dung mới", (string?)reread["content"]);
        Assert.Equal(["SNV", "RelatedUnits"], reread.Codes("coordinators"));
        Assert.Equal(3L, await Factory.Count("task_assignees"));
    }

    /// <summary>
    /// A task whose only change is its assignees has still changed: its version (ETag) and updatedAt must move, or
    /// If-Match cannot protect the change and a changedSince poller never sees it.
    /// </summary>
    [Fact]
    public async Task UpdateTask_WhenOnlyTheAssigneesChange_BumpsTheVersionAndUpdatedAt()
    {
        var (_, task) = await DraftWithTask();

        var body = await (await Put(task["id"]!, TaskBody("Q1", 1, "Nội dung ban đầu", Month(3), [Unit("STC")], [Unit("SNV")])))
            .ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["STC"], body.Codes("leads"));
        Assert.NotEqual((uint)task["version"]!, (uint)body["version"]!);
        Assert.True(body.UpdatedAt() > task.UpdatedAt(), $"updatedAt stayed {body["updatedAt"]}");
        // The feed's changedSince must show the change.
        var changed = await Client.Feed($"changedSince={Instant(task.UpdatedAt())}");
        Assert.Equal([(string?)task["id"]], changed["items"]!.AsArray().Select(t => (string?)t!["id"]));
    }

    [Fact]
    public async Task UpdateTask_WhenThePlanIsIssued_Returns409AndChangesNothing()
    {
        var (planId, task) = await DraftWithTask();
        await Client.IssuePlan(planId);

        var problem = await (await Put(task["id"]!, TaskBody("Q1", 1, "Sửa sau khi ban hành", Month(4)))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("issued", (string?)problem["detail"]);
        Assert.Equal("Nội dung ban đầu", await StoredContent());
        Assert.Equal("2025-03-31", (string?)(await Client.GetTask(task["id"]!))["deadline"]);
    }

    [Fact]
    public async Task UpdateTask_WhenIfMatchIsStale_Returns412AndChangesNothing()
    {
        var (_, task) = await DraftWithTask();
        var stale = $"\"{task["version"]}\"";
        var current = await (await Put(task["id"]!, TaskBody("Q1", 1, "Bản sửa 1"))).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Put(task["id"]!, TaskBody("Q2", 5, "Bản sửa 2", Recurring()), ifMatch: stale))
            .ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        var reread = await Client.GetTask(task["id"]!);
        Assert.Equal("Bản sửa 1", (string?)reread["content"]);
        Assert.Equal("Q1", (string?)reread["group"]);
        Assert.Equal((uint)current["version"]!, (uint)reread["version"]!);
        Assert.Equal("Bản sửa 1", await StoredContent());
    }

    [Theory]
    [InlineData("W/\"12\"")]
    [InlineData("\"12-2025\"")]
    public async Task UpdateTask_WhenIfMatchIsMalformed_Returns400AndChangesNothing(string ifMatch)
    {
        var (_, task) = await DraftWithTask();

        var problem = await (await Put(task["id"]!, TaskBody("Q1", 1, "Khác"), ifMatch: ifMatch)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("If-Match", (string?)problem["detail"]);
        Assert.Equal("Nội dung ban đầu", await StoredContent());
    }

    [Fact]
    public async Task UpdateTask_WhenMovedOntoATakenNumber_Returns409AndChangesNothing()
    {
        var (planId, task) = await DraftWithTask();
        await Client.CreateTask(planId, "Q2", 1, "Việc khác");

        var problem = await (await Put(task["id"]!, TaskBody("Q2", 1, "Nội dung ban đầu"))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Q2", (string?)problem["detail"]);
        Assert.Equal("Q1", (string?)(await Client.GetTask(task["id"]!))["group"]);
    }
}

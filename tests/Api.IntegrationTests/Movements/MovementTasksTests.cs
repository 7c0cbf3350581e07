using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Movements;

/// <summary>A task names the movement it serves (on a draft directly, on an issued plan by amendment); a movement lists
/// the tasks that serve it.</summary>
public sealed class MovementTasksTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string Nobody = Guid.NewGuid().ToString();

    private static object TaskFor(string? movementId, string group = "Q1", int sequence = 1, string content = "Xây dựng kế hoạch thi đua") =>
        new { group, sequence, content, timing = Month(3), leads = new[] { Unit("SNV") }, coordinators = Array.Empty<object>(), movementId };

    private static object Amendment(object[]? addTasks = null, object[]? changeTasks = null, object[]? cancelTasks = null) =>
        new { number = "20/KH-UBND", date = "2025-03-01", summary = "Điều chỉnh, bổ sung nhiệm vụ", addTasks, changeTasks, cancelTasks };

    private static object Change(string taskId, string? movementId) =>
        new { taskId, group = "Q1", sequence = 1, content = "Xây dựng kế hoạch thi đua", timing = Month(3), leads = new[] { Unit("SNV") }, movementId };

    private Task<HttpResponseMessage> Amend(object planId, object body) => Client.PostJson($"{Url}/{planId}/amendments", body);

    private async Task<JsonNode> MovementTasks(string movementId, string query = "") =>
        await (await Client.GetAsync($"{MovementsApi.Url}/{movementId}/tasks{query}")).ExpectJson(HttpStatusCode.OK);

    [Fact]
    public async Task CreateTask_WithAMovement_NamesItInTheTaskAndTheFeed_WhichFiltersByIt()
    {
        await Client.LoadSeedUnits();
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");
        var plan = await Client.CreatePlan();
        var other = await Client.CreateTask(plan["id"]!, "Q1", 2);

        var task = await (await Client.PostTask(plan["id"]!, TaskFor(movement.Id()))).ExpectJson(HttpStatusCode.Created);

        Assert.Equal(movement.Id(), (string?)task["movementId"]);
        Assert.Equal(movement.Id(), (string?)(await Client.GetTask(task["id"]!))["movementId"]);
        var feed = (await Client.Feed($"planId={plan["id"]}"))["items"]!.AsArray();
        Assert.Equal([movement.Id(), null], feed.Select(i => (string?)i!["movementId"]));
        var filtered = (await Client.Feed($"movementId={movement.Id()}"))["items"]!.AsArray();
        Assert.Equal([(string?)task["id"]], filtered.Select(i => (string?)i!["id"]));
        var summary = await (await Client.GetAsync($"{TasksUrl}/summary?groupBy=Plan&movementId={movement.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(1, (int)summary["total"]!["total"]!);
        Assert.NotEqual((string?)other["id"], (string?)filtered[0]!["id"]);
    }

    [Fact]
    public async Task CreateTask_WithAnUnknownMovementAndUnknownUnit_Returns400OnBothFieldsAndWritesNothing()
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan();
        var body = new { group = "Q1", sequence = 1, content = "Nội dung", timing = Month(3), leads = new[] { Unit("NOPE") }, movementId = Nobody };

        var problem = await (await Client.PostTask(plan["id"]!, body)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["leads[0].unitCode", "movementId"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains(Nobody, (string?)problem["errors"]!["movementId"]![0]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("select count(*) from tasks"));
    }

    [Fact]
    public async Task UpdateTask_OnADraft_SetsChangesAndClearsTheMovement()
    {
        await Client.LoadSeedUnits();
        var (first, second) = (await Client.CreateMovement("Phong trào A"), await Client.CreateMovement("Phong trào B"));
        var plan = await Client.CreatePlan();
        var task = await Client.CreateTask(plan["id"]!);
        Assert.Null((string?)task["movementId"]);
        var url = $"{TasksUrl}/{task["id"]}";

        var set = await (await Client.Send(HttpMethod.Put, url, TaskFor(first.Id()))).ExpectJson(HttpStatusCode.OK);
        var changed = await (await Client.Send(HttpMethod.Put, url, TaskFor(second.Id()))).ExpectJson(HttpStatusCode.OK);
        var again = await (await Client.Send(HttpMethod.Put, url, TaskFor(second.Id()))).ExpectJson(HttpStatusCode.OK);
        var cleared = await (await Client.Send(HttpMethod.Put, url, TaskFor(null))).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(first.Id(), (string?)set["movementId"]);
        Assert.Equal(second.Id(), (string?)changed["movementId"]);
        Assert.NotEqual((uint)set["version"]!, (uint)changed["version"]!); // a new movement alone is a change
        Assert.Equal((uint)changed["version"]!, (uint)again["version"]!); // the same one is not
        Assert.Null((string?)cleared["movementId"]);
        var unknown = await (await Client.Send(HttpMethod.Put, url, TaskFor(Nobody))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["movementId"], unknown["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task AmendPlan_SetsTheMovementOnAddedAndChangedTasks_AndRecordsIt()
    {
        await Client.LoadSeedUnits();
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");
        var plan = await Client.CreatePlan();
        var task = await Client.CreateTask(plan["id"]!);
        await Client.IssuePlan(plan["id"]!);
        var direct = await Client.Send(HttpMethod.Put, $"{TasksUrl}/{task["id"]}", TaskFor(movement.Id()));
        await direct.ExpectProblem(HttpStatusCode.Conflict); // an issued plan's task changes only by amendment

        var amendment = await (await Amend(plan["id"]!, Amendment(
            addTasks: [TaskFor(movement.Id(), "Q2", 1, "Sơ kết phong trào")],
            changeTasks: [Change((string)task["id"]!, movement.Id())]))).ExpectJson(HttpStatusCode.Created);

        Assert.Equal([movement.Id(), movement.Id()], amendment["changes"]!.AsArray().Select(c => (string?)c!["movementId"]));
        Assert.Equal(movement.Id(), (string?)(await Client.GetTask(task["id"]!))["movementId"]);
        var listed = await MovementTasks(movement.Id());
        Assert.Equal([("Q1", 1), ("Q2", 1)], listed["items"]!.AsArray().Select(i => ((string)i!["group"]!, (int)i["sequence"]!)));
    }

    [Fact]
    public async Task AmendPlan_WithUnknownMovements_Returns400OnEachFieldAndWritesNothing()
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan();
        var task = await Client.CreateTask(plan["id"]!);
        await Client.IssuePlan(plan["id"]!);

        var problem = await (await Amend(plan["id"]!, Amendment(
            addTasks: [TaskFor(null, "Q2", 1), TaskFor(Nobody, "Q2", 2)],
            changeTasks: [Change((string)task["id"]!, Nobody)]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["addTasks[1].movementId", "changeTasks[0].movementId"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("select count(*) from plan_amendments"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("select count(*) from tasks where movement_id is not null"));
    }

    [Fact]
    public async Task ListMovementTasks_PagesTheTasksWithTheirPlans_AndShowsACancelledTaskAsCancelled()
    {
        await Client.LoadSeedUnits();
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");
        var other = await Client.CreateMovement("Phong trào khác");
        var plan = await Client.CreatePlan(title: "Kế hoạch thi đua năm 2025");
        var cancelled = await (await Client.PostTask(plan["id"]!, TaskFor(movement.Id(), "Q1", 1, "Hội nghị phát động"))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostTask(plan["id"]!, TaskFor(movement.Id(), "Q1", 2, "Sơ kết"))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostTask(plan["id"]!, TaskFor(other.Id(), "Q1", 3, "Việc khác"))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostTask(plan["id"]!, TaskFor(null, "Q1", 4, "Không thuộc phong trào"))).ExpectJson(HttpStatusCode.Created);
        await Client.IssuePlan(plan["id"]!);
        await (await Amend(plan["id"]!, Amendment(cancelTasks: [new { taskId = (string)cancelled["id"]!, reason = "Không còn phù hợp" }])))
            .ExpectJson(HttpStatusCode.Created);

        var first = await MovementTasks(movement.Id(), "?page=1&pageSize=1");
        var second = await MovementTasks(movement.Id(), "?page=2&pageSize=1");

        Assert.Equal(2, (int)first["totalCount"]!);
        Assert.Equal($"/api/v1/movements/{movement.Id()}/tasks?pageSize=1&page=2", (string?)first["nextPage"]);
        var item = first["items"]!.AsArray().Single()!;
        Assert.Equal((string?)cancelled["id"], (string?)item["id"]);
        Assert.Equal((string?)plan["id"], (string?)item["plan"]!["id"]);
        Assert.Equal("12/KH-UBND", (string?)item["plan"]!["number"]);
        Assert.Equal(2025, (int)item["plan"]!["year"]!);
        Assert.Equal("Kế hoạch thi đua năm 2025", (string?)item["plan"]!["title"]);
        Assert.Equal("Hội nghị phát động", (string?)item["content"]);
        Assert.Equal("Cancelled", (string?)item["status"]);
        Assert.True((bool)item["cancelled"]!);
        var next = second["items"]!.AsArray().Single()!;
        Assert.Equal(("Q1", 2, "NotStarted", false), ((string)next["group"]!, (int)next["sequence"]!, (string)next["status"]!, (bool)next["cancelled"]!));
        Assert.Null(second["nextPage"]);
    }

    [Fact]
    public async Task ListMovementTasks_ForAnUnknownMovement_Returns404()
    {
        var problem = await (await Client.GetAsync($"{MovementsApi.Url}/{Nobody}/tasks")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(Nobody, (string?)problem["detail"]);
    }

    [Fact]
    public async Task DeleteMovement_WhenATaskServesIt_Returns409AndKeepsItUntilTheTaskNamesNone()
    {
        await Client.LoadSeedUnits();
        var movement = await Client.CreateMovement("Phong trào A");
        var plan = await Client.CreatePlan();
        var task = await (await Client.PostTask(plan["id"]!, TaskFor(movement.Id()))).ExpectJson(HttpStatusCode.Created);

        var problem = await (await Client.Send(HttpMethod.Delete, $"{MovementsApi.Url}/{movement.Id()}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Tasks serve this movement", (string?)problem["detail"]);
        Assert.Equal(movement.Id(), (string?)(await Client.GetTask(task["id"]!))["movementId"]);
        await (await Client.Send(HttpMethod.Put, $"{TasksUrl}/{task["id"]}", TaskFor(null))).ExpectJson(HttpStatusCode.OK);
        var deleted = await Client.Send(HttpMethod.Delete, $"{MovementsApi.Url}/{movement.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }
}

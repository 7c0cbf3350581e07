using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>Amending an issued plan (điều chỉnh, bổ sung): tasks added, rewritten, cancelled; obligations follow.</summary>
public sealed class AmendPlanTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>An issued 2025 plan: Q1 1 led by SNV with SGDDT and STC coordinating; Q1 2 led by STC.</summary>
    private async Task<(string PlanId, string Changed, string Cancelled)> IssuedPlan()
    {
        await Client.LoadSeedUnits();
        var plan = await Client.CreatePlan();
        var changed = await Client.CreateTask(plan["id"]!, "Q1", 1, "Xây dựng kế hoạch thi đua", Month(3), [Unit("SNV")], [Unit("SGDDT"), Unit("STC")]);
        var cancelled = await Client.CreateTask(plan["id"]!, "Q1", 2, "Tổ chức hội nghị", Month(3), [Unit("STC")]);
        await Client.IssuePlan(plan["id"]!);
        return ((string)plan["id"]!, (string)changed["id"]!, (string)cancelled["id"]!);
    }

    private static object Amendment(string number = "20/KH-UBND", string date = "2025-03-01", object[]? addTasks = null,
        object[]? changeTasks = null, object[]? cancelTasks = null) =>
        new { number, date, summary = "Điều chỉnh, bổ sung nhiệm vụ của Kế hoạch", addTasks, changeTasks, cancelTasks };

    private static object Change(string taskId, string group = "Q1", int sequence = 1, string content = "Xây dựng và ban hành kế hoạch thi đua",
        object? timing = null, object[]? leads = null, object[]? coordinators = null) =>
        new { taskId, group, sequence, content, timing = timing ?? Month(4), leads = leads ?? [Unit("SNV")], coordinators = coordinators ?? [] };

    private static object Cancel(string taskId, string reason = "Không còn phù hợp") => new { taskId, reason };

    private Task<HttpResponseMessage> Amend(string planId, object body, string? ifMatch = null) =>
        Client.Send(HttpMethod.Post, $"{Url}/{planId}/amendments", body, ifMatch: ifMatch);

    private Task<long> Scalar(string sql) => Factory.ScalarAsync<long>(sql);

    /// <summary>What a refused amendment must leave as it was.</summary>
    private async Task<string> Snapshot(string planId) => string.Join("|",
        await Scalar("select count(*) from plan_amendments"),
        await Scalar("select count(*) from tasks"),
        await Scalar($"select count(*) from tasks where cancelled_by is not null or amended_by is not null"),
        await Scalar("select count(*) from obligations where state = 'Active'"),
        await Scalar("select count(*) from audit_entries where use_case = 'AmendPlan'"),
        (await Client.GetPlan(planId))["version"]);

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "One amendment document end to end: what it adds, changes and cancels, and what each does to the obligations.")]
    public async Task AmendPlan_AddingChangingAndCancellingTasks_ReDerivesObligationsAndKeepsProgress()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();
        await Client.Report(changedId, "InProgress", "2025-02-01", unitCode: "SGDDT");
        var cursor = (await Client.Feed("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();
        var planBefore = await Client.GetPlan(planId);

        var response = await Amend(planId, Amendment(
            addTasks: [new { group = "Q2", sequence = 1, content = "Sơ kết phong trào thi đua", timing = Quarter(2), leads = new[] { Unit("SXD") } }],
            changeTasks: [Change(changedId, coordinators: [Unit("SGDDT")])],
            cancelTasks: [Cancel(cancelledId)]));

        var amendment = await response.ExpectJson(HttpStatusCode.Created);
        var amendmentId = (string)amendment["id"]!;
        Assert.Equal($"/api/v1/plans/{planId}/amendments?page=1&pageSize=1", response.Headers.Location?.OriginalString);
        Assert.Equal(planId, (string?)amendment["planId"]);
        Assert.Equal(1, (int)amendment["sequence"]!);
        Assert.Equal("20/KH-UBND", (string?)amendment["number"]);
        Assert.Equal("2025-03-01", (string?)amendment["date"]);
        var changes = amendment["changes"]!.AsArray();
        Assert.Equal(["Added", "Changed", "Cancelled"], changes.Select(c => (string)c!["kind"]!));
        Assert.Equal([("Q2", 1), ("Q1", 1), ("Q1", 2)], changes.Select(c => ((string)c!["group"]!, (int)c["sequence"]!)));
        Assert.Equal([changedId, cancelledId], changes.Skip(1).Select(c => (string)c!["taskId"]!));
        Assert.Equal([null, null, "Không còn phù hợp"], changes.Select(c => (string?)c!["reason"]));

        // The rewritten task: new content and timing; STC dropped out (withdrawn, history kept), SGDDT stays with its progress.
        var changed = await Client.GetTask(changedId);
        Assert.Equal("Xây dựng và ban hành kế hoạch thi đua", (string?)changed["content"]);
        Assert.Equal(4, (int)changed["timing"]!["month"]!);
        Assert.Equal(["SGDDT"], changed.Codes("coordinators"));
        Assert.Equal(amendmentId, (string?)changed["amendedBy"]);
        Assert.Equal(1, (int)changed["coordinatorObligations"]!["total"]!);
        Assert.Equal(1, (int)changed["reportCount"]!);
        var taskObligations = $"select count(*) from obligations o join units u on u.id = o.unit_id where o.task_id = '{changedId}'";
        Assert.Equal(1, await Scalar($"{taskObligations} and u.code = 'STC' and o.state = 'Withdrawn' and o.withdrawn_on is not null"));
        Assert.Equal(1, await Scalar($"select count(*) from obligation_events e join obligations o on o.id = e.obligation_id join units u on u.id = o.unit_id where o.task_id = '{changedId}' and u.code = 'STC' and e.kind = 'Withdrawn'"));
        Assert.Equal(1, await Scalar($"{taskObligations} and u.code = 'SGDDT' and o.state = 'Active' and o.status = 'InProgress' and o.report_count = 1"));
        Assert.Equal(1, await Scalar($"{taskObligations} and u.code = 'SNV' and o.state = 'Active' and o.arose_on = '2025-01-10'"));

        // The added task: its obligation arises on the amendment's date.
        var added = (await Client.Feed($"planId={planId}&group=Q2"))["items"]![0]!;
        Assert.Equal(amendmentId, (string?)added["amendedBy"]);
        Assert.Equal(["SXD"], added.Codes("leads"));
        Assert.Equal(1, await Scalar($"select count(*) from obligations o join units u on u.id = o.unit_id where o.task_id = '{added["id"]}' and u.code = 'SXD' and o.state = 'Active' and o.arose_on = '2025-03-01'"));

        // The cancelled task stays readable, its obligations withdrawn; it leaves the default view of the feed.
        var cancelled = await Client.GetTask(cancelledId);
        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        Assert.Equal(amendmentId, (string?)cancelled["cancelledBy"]);
        Assert.Equal("Không còn phù hợp", (string?)cancelled["cancellationReason"]);
        Assert.Equal(0, (int)cancelled["leadObligations"]!["total"]!);
        Assert.Equal(0, await Scalar($"select count(*) from obligations where task_id = '{cancelledId}' and state = 'Active'"));
        Assert.Equal(1, await Scalar($"select count(*) from obligations where task_id = '{cancelledId}' and state = 'Withdrawn'"));
        Assert.Equal([("Q1", 1), ("Q2", 1)], (await Client.Feed($"planId={planId}")).Keys());
        Assert.Equal([("Q1", 2)], (await Client.Feed($"planId={planId}&status=Cancelled")).Keys());
        var since = await Client.Feed($"changedSince={Instant(cursor)}&sort=updatedAt");
        Assert.Equal([("Q1", 1), ("Q1", 2), ("Q2", 1)], since.Keys().OrderBy(x => x.Group).ThenBy(x => x.Sequence));
        Assert.Equal("Cancelled", (string?)since["items"]!.AsArray().Single(t => (string?)t!["id"] == cancelledId)!["status"]);
        Assert.All(since["items"]!.AsArray(), t => Assert.False((bool)t!["deleted"]!));

        // The plan counts its amendment, and its version moved: a write based on the plan before is stale.
        var planAfter = await Client.GetPlan(planId);
        Assert.Equal(1, (int)planAfter["amendmentCount"]!);
        Assert.Equal(3, (int)planAfter["taskCount"]!);
        Assert.NotEqual((uint)planBefore["version"]!, (uint)planAfter["version"]!);

        // Each change is audited under the use case's name.
        var audited = $"select count(*) from audit_entries where use_case = 'AmendPlan'";
        Assert.Equal(1, await Scalar($"{audited} and entity = 'PlanAmendment' and action = 'Created' and entity_id = '{amendmentId}'"));
        Assert.Equal(1, await Scalar($"{audited} and entity = 'PlanTask' and action = 'Created' and entity_id = '{added["id"]}'"));
        Assert.Equal(1, await Scalar($"{audited} and entity = 'PlanTask' and action = 'Updated' and entity_id = '{changedId}' and changes ? 'content'"));
        Assert.Equal(1, await Scalar($"{audited} and entity = 'PlanTask' and action = 'Updated' and entity_id = '{cancelledId}' and changes ? 'cancellationReason'"));
    }

    [Fact]
    public async Task ListPlanAmendments_ListsThemInOrder()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();
        await (await Amend(planId, Amendment("20/KH-UBND", "2025-03-01", cancelTasks: [Cancel(cancelledId)]))).ExpectJson(HttpStatusCode.Created);
        var second = await (await Amend(planId, Amendment("31/KH-UBND", "2025-05-02", changeTasks: [Change(changedId)]))).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(2, (int)second["sequence"]!);

        var list = await (await Client.GetAsync($"{Url}/{planId}/amendments")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(2, (int)list["totalCount"]!);
        var items = list["items"]!.AsArray();
        Assert.Equal([1, 2], items.Select(a => (int)a!["sequence"]!));
        Assert.Equal(["20/KH-UBND", "31/KH-UBND"], items.Select(a => (string)a!["number"]!));
        Assert.Equal(["Cancelled"], items[0]!["changes"]!.AsArray().Select(c => (string)c!["kind"]!));
        Assert.Equal(["Changed"], items[1]!["changes"]!.AsArray().Select(c => (string)c!["kind"]!));
        Assert.Equal(2, (int)(await Client.GetPlan(planId))["amendmentCount"]!);
        // The Location of the second one names it.
        var located = await (await Client.GetAsync($"{Url}/{planId}/amendments?page=2&pageSize=1")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)second["id"], (string?)located["items"]![0]!["id"]);
        await (await Client.GetAsync($"{Url}/{Guid.NewGuid()}/amendments")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AmendPlan_WhenThePlanIsADraftOrClosed_Returns409AndWritesNothing()
    {
        await Client.LoadSeedUnits();
        var draft = await Client.CreatePlan();
        var task = await Client.CreateTask(draft["id"]!);
        var before = await Snapshot((string)draft["id"]!);

        var problem = await (await Amend((string)draft["id"]!, Amendment(cancelTasks: [Cancel((string)task["id"]!)]))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("draft", (string?)problem["detail"]);
        Assert.Equal(before, await Snapshot((string)draft["id"]!));

        await Client.IssuePlan(draft["id"]!);
        await Client.ClosePlan(draft["id"]!);
        var closed = await Snapshot((string)draft["id"]!);
        problem = await (await Amend((string)draft["id"]!, Amendment(cancelTasks: [Cancel((string)task["id"]!)]))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)problem["detail"]);
        Assert.Equal(closed, await Snapshot((string)draft["id"]!));
    }

    [Fact]
    public async Task AmendPlan_WhenAChangeBreaksARule_Returns409AndWritesNothing()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();
        await (await Amend(planId, Amendment(cancelTasks: [Cancel(cancelledId)]))).ExpectJson(HttpStatusCode.Created);
        var before = await Snapshot(planId);

        var cases = new (object Body, string Detail)[]
        {
            (Amendment(cancelTasks: [Cancel(cancelledId)]), "cancelled by an earlier amendment"),
            (Amendment(changeTasks: [Change(cancelledId, sequence: 2)]), "cancelled by an earlier amendment"),
            // A cancelled task keeps its place in the appendix: a new task cannot take its number, nor another task's.
            (Amendment(addTasks: [new { group = "Q1", sequence = 2, content = "Nhiệm vụ mới", timing = Month(5), leads = new[] { Unit("SNV") } }]), "already has task 2 in group Q1"),
            (Amendment(changeTasks: [Change(changedId, sequence: 2)]), "another task holds it"),
            (Amendment(changeTasks: [Change(changedId)], cancelTasks: [Cancel(changedId)]), "touched twice"),
            (Amendment(), "changes nothing"),
            (Amendment(date: "2024-12-31", changeTasks: [Change(changedId)]), "before the plan's issue date"),
        };
        foreach (var (body, detail) in cases)
        {
            var problem = await (await Amend(planId, body)).ExpectProblem(HttpStatusCode.Conflict);
            Assert.Contains(detail, (string?)problem["detail"]);
            Assert.Equal(before, await Snapshot(planId));
        }
    }

    [Fact]
    public async Task AmendPlan_WhenFieldsAreInvalid_Returns400ListingEveryFieldAsSent()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();
        var before = await Snapshot(planId);

        var problem = await (await Amend(planId, new
        {
            number = "",
            date = "2025-03-01",
            summary = "x",
            addTasks = new object[]
            {
                new { group = "Q2", sequence = 1, content = "", timing = Quarter(2), leads = new[] { Unit("SNV") } },
                new { group = "Q2", sequence = 2, content = "Nội dung", timing = Quarter(2), leads = new[] { new { unitCode = "SNV", group = "AllCommunesAndWards" } } },
            },
            changeTasks = new[] { new { taskId = Guid.Empty, group = "Q1", sequence = 1, content = "Nội dung", timing = Month(4), leads = Array.Empty<object>() } },
            cancelTasks = new[] { new { taskId = cancelledId, reason = "" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["addTasks[0].content", "addTasks[1].leads[0].assignee", "cancelTasks[0].reason", "changeTasks[0].leads", "changeTasks[0].taskId", "number"], errors);
        Assert.Equal(before, await Snapshot(planId));

        // What only the database knows, all in one answer too: unknown unit codes, tasks the plan does not have.
        problem = await (await Amend(planId, Amendment(
            addTasks: [new { group = "Q2", sequence = 1, content = "Nội dung", timing = Quarter(2), leads = new[] { Unit("SNV") } },
                       new { group = "Q2", sequence = 2, content = "Nội dung", timing = Quarter(2), leads = new[] { Unit("NOPE") } }],
            changeTasks: [Change(changedId, coordinators: [Unit("SGDDT"), Unit("GONE")])],
            cancelTasks: [Cancel(Guid.NewGuid().ToString())]))).ExpectProblem(HttpStatusCode.BadRequest);
        errors = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["addTasks[1].leads[0].unitCode", "cancelTasks[0].taskId", "changeTasks[0].coordinators[1].unitCode"], errors);
        Assert.Contains("NOPE", (string?)problem["errors"]!["addTasks[1].leads[0].unitCode"]![0]);
        Assert.Equal(before, await Snapshot(planId));
    }

    [Fact]
    public async Task AmendPlan_WithAStaleIfMatch_Returns412AndWritesNothing()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();
        var read = await Client.GetAsync($"{Url}/{planId}");
        await read.ExpectJson(HttpStatusCode.OK);
        var etag = read.ETag();

        await (await Amend(planId, Amendment(cancelTasks: [Cancel(cancelledId)]), ifMatch: etag)).ExpectJson(HttpStatusCode.Created);
        var before = await Snapshot(planId);

        // The first amendment changed the plan: the ETag it was based on is stale now.
        await (await Amend(planId, Amendment("31/KH-UBND", changeTasks: [Change(changedId)]), ifMatch: etag)).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await Snapshot(planId));

        var current = await Client.GetAsync($"{Url}/{planId}");
        await current.ExpectJson(HttpStatusCode.OK);
        await (await Amend(planId, Amendment("31/KH-UBND", changeTasks: [Change(changedId)]), ifMatch: current.ETag())).ExpectJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AmendPlan_WhenTwoAmendmentsRace_EachGetsItsOwnNumberOrTheLoserGets409()
    {
        var (planId, changedId, cancelledId) = await IssuedPlan();

        var responses = await Task.WhenAll(
            Amend(planId, Amendment("20/KH-UBND", changeTasks: [Change(changedId)])),
            Amend(planId, Amendment("21/KH-UBND", cancelTasks: [Cancel(cancelledId)])));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created)) await loser.ExpectProblem(HttpStatusCode.Conflict);
        var list = await (await Client.GetAsync($"{Url}/{planId}/amendments")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(1, created.Count), list["items"]!.AsArray().Select(a => (int)a!["sequence"]!));
        Assert.Equal(created.Count, await Scalar("select count(*) from plan_amendments"));
    }
}

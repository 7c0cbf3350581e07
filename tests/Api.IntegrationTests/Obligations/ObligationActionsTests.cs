using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Obligations.ObligationsApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>One obligation and its history, and what editors decide about one: extend, exempt, confirm, reject.</summary>
public sealed class ObligationActionsTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 4, 15);

    /// <summary>An issued plan of 2026 with one task due in March, led by ward P-DAPCAU alone, coordinated by commune X-PHUCHI.</summary>
    private async Task<string> IssuedTask(object? timing = null)
    {
        await Client.RegisterUnits("Ward", "P-DAPCAU");
        await Client.RegisterUnits("Commune", "X-PHUCHI");
        var plan = await Client.CreatePlan(2026, "Kế hoạch thử nghiệm");
        var task = await Client.CreateTask(plan["id"]!, timing: timing ?? PlansApi.Month(3), leads: [PlansApi.Unit("P-DAPCAU")], coordinators: [PlansApi.Unit("X-PHUCHI")]);
        await Client.IssuePlan(plan["id"]!, "12/KH-UBND", "2026-01-10");
        return (string)task["id"]!;
    }

    [Fact]
    public async Task GetObligation_ShowsTheObligation_ItsReportsOldestFirst_AndItsEvents_WithAnETagGiving304()
    {
        var taskId = await IssuedTask();
        await Client.Report(taskId, "InProgress", "2026-02-01", "P-DAPCAU", "Đã xây dựng dự thảo.");
        await Client.Report(taskId, "Done", "2026-03-20", "P-DAPCAU", "Đã ban hành kế hoạch.");
        var id = (await Client.ObligationOf("P-DAPCAU", taskId))["id"]!;
        var before = await Client.GetAsync($"{Url}/{id}?asOf=2026-04-15");
        await before.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.Send(HttpMethod.Get, $"{Url}/{id}?asOf=2026-04-15", ifNoneMatch: before.ETag())).StatusCode);
        await (await Client.Act(id, "confirm-completion")).ExpectJson(HttpStatusCode.OK);

        var response = await Client.Send(HttpMethod.Get, $"{Url}/{id}?asOf=2026-04-15", ifNoneMatch: before.ETag());
        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.NotEqual(before.ETag(), response.ETag());

        var obligation = body["obligation"]!;
        Assert.Equal(id.ToString(), (string?)obligation["id"]);
        Assert.Equal(("Done", "DoneOnTime", "2026-03-20", "Confirmed", 2),
            ((string?)obligation["status"], (string?)obligation["timeliness"], (string?)obligation["completedOn"], (string?)obligation["review"], (int)obligation["reportCount"]!));
        Assert.Equal("Done", (string?)obligation["taskStatus"]);
        Assert.Equal(["2026-02-01", "2026-03-20"], body["reports"]!.AsArray().Select(r => (string?)r!["reportedOn"]));
        Assert.Equal(["Đã xây dựng dự thảo.", "Đã ban hành kế hoạch."], body["reports"]!.AsArray().Select(r => (string?)r!["text"]));
        Assert.All(body["reports"]!.AsArray(), r => Assert.Equal(id.ToString(), (string?)r!["obligationId"]));
        var confirmed = Assert.Single(body["events"]!.AsArray())!;
        Assert.Equal(("CompletionConfirmed", "2026-03-20"), ((string?)confirmed["kind"], (string?)confirmed["detail"]));
        Assert.False(string.IsNullOrEmpty((string?)confirmed["actor"]));

        Assert.Equal(HttpStatusCode.NotModified, (await Client.Send(HttpMethod.Get, $"{Url}/{id}?asOf=2026-04-15", ifNoneMatch: response.ETag())).StatusCode);
        await (await Client.GetAsync($"{Url}/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ExtendObligationDeadline_TimelinessUsesTheNewDeadline_AndTheReasonIsKept()
    {
        var taskId = await IssuedTask();
        var before = await Client.ObligationOf("X-PHUCHI", taskId, asOf: "2026-04-15");
        Assert.Equal(("Overdue", "2026-03-31"), ((string?)before["timeliness"], (string?)before["deadline"]));

        var response = await Client.Extend(before["id"]!, "2026-04-20", "Công văn số 12/SNV cho gia hạn.");

        var extended = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("2026-04-20", "2026-03-31", "DueSoon", "Công văn số 12/SNV cho gia hạn."),
            ((string?)extended["deadline"], (string?)extended["taskDeadline"], (string?)extended["timeliness"], (string?)extended["extensionReason"]));
        Assert.StartsWith($"\"{(uint)extended["version"]!}-", response.ETag());
        Assert.Equal("DueSoon", (string?)(await Client.ObligationOf("X-PHUCHI", taskId, asOf: "2026-04-15"))["timeliness"]);
        Assert.Equal("Overdue", (string?)(await Client.ObligationOf("P-DAPCAU", taskId, asOf: "2026-04-15"))["timeliness"]);
        // Done before the new deadline is on time.
        await Client.Report(taskId, "Done", "2026-04-15", "X-PHUCHI");
        Assert.Equal("DoneOnTime", (string?)(await Client.ObligationOf("X-PHUCHI", taskId, asOf: "2026-04-30"))["timeliness"]);
        var history = await Client.GetObligation(before["id"]!);
        var step = Assert.Single(history["events"]!.AsArray())!;
        Assert.Equal(("DeadlineExtended", "Công văn số 12/SNV cho gia hạn.", "2026-03-31 → 2026-04-20"),
            ((string?)step["kind"], (string?)step["reason"], (string?)step["detail"]));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("select count(*) from audit_entries where use_case = 'ExtendObligationDeadline' and entity = 'Obligation'"));
    }

    [Fact]
    public async Task ExtendObligationDeadline_ThatIsNotLater_OrOnATaskWithoutDeadline_Returns409_AndWithoutReason400()
    {
        var taskId = await IssuedTask();
        var id = (await Client.ObligationOf("X-PHUCHI", taskId))["id"]!;

        var earlier = await (await Client.Extend(id, "2026-03-31")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("after the current one (2026-03-31)", (string?)earlier["detail"]);
        var invalid = await (await Client.Act(id, "extend", new { deadline = "2026-05-31" })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["reason"]);
        await (await Client.Extend(Guid.NewGuid(), "2026-05-31")).ExpectProblem(HttpStatusCode.NotFound);

        var recurring = await IssuedTaskOnAnotherPlan(PlansApi.Recurring());
        var none = await (await Client.Extend((await Client.ObligationOf("X-PHUCHI", recurring))["id"]!, "2026-05-31")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("no deadline", (string?)none["detail"]);
        Assert.Null((string?)(await Client.GetObligation(id))["obligation"]!["extensionReason"]);
    }

    private async Task<string> IssuedTaskOnAnotherPlan(object timing)
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch thử nghiệm khác");
        var task = await Client.CreateTask(plan["id"]!, timing: timing, leads: [PlansApi.Unit("P-DAPCAU")], coordinators: [PlansApi.Unit("X-PHUCHI")]);
        await Client.IssuePlan(plan["id"]!, "13/KH-UBND", "2026-01-10");
        return (string)task["id"]!;
    }

    [Fact]
    public async Task ExemptObligation_OfTheOnlyLead_LeavesTheTaskUnassigned_AndTwice409()
    {
        var taskId = await IssuedTask();
        var id = (await Client.ObligationOf("P-DAPCAU", taskId))["id"]!;

        var exempted = await (await Client.Exempt(id, "Đơn vị sáp nhập.")).ExpectJson(HttpStatusCode.OK);

        Assert.True((bool)exempted["exempted"]!);
        Assert.Equal("Đơn vị sáp nhập.", (string?)exempted["exemptionReason"]);
        Assert.Equal("Unassigned", (string?)exempted["taskStatus"]);
        Assert.Equal("Unassigned", (string?)(await Client.GetTask(taskId))["status"]);
        var again = await (await Client.Exempt(id)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("already exempted", (string?)again["detail"]);
        var report = await (await Client.PostReport(taskId, "Done", "2026-04-01", "P-DAPCAU")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("exempted", (string?)report["detail"]);
    }

    [Fact]
    public async Task RejectCompletion_ReturnsTheObligationToInProgressWithTheReasonInItsEvents_AndTheTaskFollows()
    {
        var taskId = await IssuedTask();
        await Client.Report(taskId, "Done", "2026-03-25", "P-DAPCAU");
        Assert.Equal(("Done", "2026-03-25"), ((string?)(await Client.GetTask(taskId))["status"], (string?)(await Client.GetTask(taskId))["completedOn"]));
        var id = (await Client.ObligationOf("P-DAPCAU", taskId))["id"]!;

        var rejected = await (await Client.Act(id, "reject-completion", new { reason = "Chưa có văn bản ban hành kèm theo." })).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(("InProgress", "Rejected", null, "InProgress"),
            ((string?)rejected["status"], (string?)rejected["review"], (string?)rejected["completedOn"], (string?)rejected["taskStatus"]));
        var task = await Client.GetTask(taskId);
        Assert.Equal("InProgress", (string?)task["status"]);
        Assert.Null((string?)task["completedOn"]);
        var step = Assert.Single((await Client.GetObligation(id))["events"]!.AsArray())!;
        Assert.Equal(("CompletionRejected", "Chưa có văn bản ban hành kèm theo.", "2026-03-25"), ((string?)step["kind"], (string?)step["reason"], (string?)step["detail"]));
        // Nothing is pending any more: neither a confirmation nor a second rejection.
        await (await Client.Act(id, "confirm-completion")).ExpectProblem(HttpStatusCode.Conflict);
        var missing = await (await Client.Act(id, "reject-completion", new { })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["reason"]);
    }

    [Fact]
    public async Task ConfirmCompletion_Twice_Returns409_AndWorkNotReportedDone409()
    {
        var taskId = await IssuedTask();
        var coordinator = (await Client.ObligationOf("X-PHUCHI", taskId))["id"]!;
        var notDone = await (await Client.Act(coordinator, "confirm-completion")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("Only a completion the unit has reported", (string?)notDone["detail"]);
        await Client.Report(taskId, "Done", "2026-03-25", "P-DAPCAU");
        var id = (await Client.ObligationOf("P-DAPCAU", taskId))["id"]!;

        var first = await (await Client.Act(id, "confirm-completion")).ExpectJson(HttpStatusCode.OK);
        var second = await (await Client.Act(id, "confirm-completion")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal(("Confirmed", "Done"), ((string?)first["review"], (string?)first["status"]));
        Assert.Contains("already been confirmed", (string?)second["detail"]);
        Assert.Single((await Client.GetObligation(id))["events"]!.AsArray());
    }

    [Fact]
    public async Task Actions_WithAStaleIfMatch_Return412_AndChangeNothing()
    {
        var taskId = await IssuedTask();
        await Client.Report(taskId, "Done", "2026-03-25", "P-DAPCAU");
        var read = await Client.GetAsync($"{Url}/{(await Client.ObligationOf("P-DAPCAU", taskId))["id"]}");
        var stale = read.ETag();
        var id = (await read.ExpectJson(HttpStatusCode.OK))["obligation"]!["id"]!;
        var current = (await Client.Extend(id, "2026-04-30", ifMatch: stale));
        var fresh = current.ETag();
        await current.ExpectJson(HttpStatusCode.OK);
        var before = (await Client.GetObligation(id)).ToJsonString();
        var events = await Factory.Count("obligation_events");
        var audit = await Factory.Count("audit_entries");

        foreach (var response in new[]
                 {
                     await Client.Extend(id, "2026-05-31", ifMatch: stale),
                     await Client.Exempt(id, ifMatch: stale),
                     await Client.Act(id, "confirm-completion", ifMatch: stale),
                     await Client.Act(id, "reject-completion", new { reason = "Thiếu hồ sơ." }, ifMatch: stale),
                 })
        {
            var problem = await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
            Assert.Contains("ETag", (string?)problem["detail"]);
        }

        Assert.Equal(before, (await Client.GetObligation(id)).ToJsonString());
        Assert.Equal(events, await Factory.Count("obligation_events"));
        Assert.Equal(audit, await Factory.Count("audit_entries"));
        var confirmed = await (await Client.Act(id, "confirm-completion", ifMatch: fresh)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Confirmed", (string?)confirmed["review"]);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>POST /units/{id}/merge: sáp nhập — the successor takes over the merged unit's open obligations.</summary>
public sealed class MergeUnitTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private async Task<string> IssuedPlanWithTaskLedBy(string leadCode, string coordinatorCode)
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch sáp nhập");
        var task = await Client.CreateTask(plan["id"]!, timing: PlansApi.Month(6),
            leads: [PlansApi.Unit(leadCode)], coordinators: [PlansApi.Unit(coordinatorCode)]);
        await Client.IssuePlan(plan["id"]!, "7/KH-UBND", "2026-01-15");
        return (string)task["id"]!;
    }

    private Task<string> ObligationsOf(string taskId) => Factory.ScalarAsync<string>($"""
        SELECT coalesce(string_agg(u.code || ':' || o.role || ':' || o.state || ':' || o.status || ':' || coalesce(f.code, '-'), ' ' ORDER BY u.code), '')
          FROM obligations o JOIN units u ON u.id = o.unit_id LEFT JOIN units f ON f.id = o.transferred_from_unit_id
         WHERE o.task_id = '{taskId}'
        """);

    [Fact]
    public async Task MergeUnit_WhenTheUnitLeadsATask_TheSuccessorTakesOverItsOpenObligationWithItsHistory()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("XA-CU", "Xã Cũ", "Commune");
        await Client.CreateUnit("XA-MOI", "Xã Mới", "Commune");
        var taskId = await IssuedPlanWithTaskLedBy("XA-CU", "SNV");
        await Client.Report(taskId, "InProgress", "2026-05-10", unitCode: "XA-CU", text: "Đang xây dựng kế hoạch");
        var old = await Client.GetUnitByCode("XA-CU");

        var merged = await (await Client.PostJson($"{UnitsApi.Url}/{old["id"]}/merge", new { successorCode = "xa-moi", mergedOn = "2026-07-01" }))
            .ExpectJson(HttpStatusCode.OK);

        Assert.Equal((false, "XA-MOI", "2026-07-01"), ((bool)merged["isActive"]!, (string?)merged["successorCode"], (string?)merged["mergedOn"]));
        Assert.Equal("SNV:Coordinator:Active:NotStarted:- XA-MOI:Lead:Active:InProgress:XA-CU", await ObligationsOf(taskId));
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM progress_reports r JOIN obligations o ON o.id = r.obligation_id JOIN units u ON u.id = o.unit_id WHERE o.task_id = '{taskId}' AND u.code = 'XA-MOI'"));
        var task = await Client.GetTask(taskId);
        Assert.Equal(("InProgress", 1), ((string)task["status"]!, (int)task["leadObligations"]!["total"]!));
        // The successor reports on the share it took over.
        await Client.Report(taskId, "Done", "2026-06-20", unitCode: "XA-MOI");
        Assert.Equal("Done", (string)(await Client.GetTask(taskId))["status"]!);
    }

    [Fact]
    public async Task MergeUnit_WhenTheWorkWasFinished_ItStaysTheMergedUnitsAndIsWithdrawn()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("XA-CU", "Xã Cũ", "Commune");
        await Client.CreateUnit("XA-MOI", "Xã Mới", "Commune");
        var taskId = await IssuedPlanWithTaskLedBy("SNV", "XA-CU");
        await Client.Report(taskId, "Done", "2026-05-10", unitCode: "XA-CU");
        var old = await Client.GetUnitByCode("XA-CU");

        await (await Client.PostJson($"{UnitsApi.Url}/{old["id"]}/merge", new { successorCode = "XA-MOI", mergedOn = "2026-07-01" })).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("SNV:Lead:Active:NotStarted:- XA-CU:Coordinator:Withdrawn:Done:- XA-MOI:Coordinator:Active:NotStarted:-", await ObligationsOf(taskId));
        Assert.Equal("The unit was merged into another unit.", await Factory.ScalarAsync<string>(
            $"SELECT e.reason FROM obligation_events e JOIN obligations o ON o.id = e.obligation_id JOIN units u ON u.id = o.unit_id WHERE u.code = 'XA-CU' AND e.kind = 'Withdrawn'"));
    }

    [Theory]
    [InlineData("XA-CU", "2026-07-01", 409, "itself")]
    [InlineData("XA-KHAC", "2026-12-02", 409, "future")]
    [InlineData("KHONG-CO", "2026-07-01", 400, "No unit has the code 'KHONG-CO'.")]
    public async Task MergeUnit_WhenRefused_AnswersTheProblemAndChangesNothing(string successor, string mergedOn, int status, string says)
    {
        await Client.CreateUnit("XA-CU", "Xã Cũ", "Commune");
        await Client.CreateUnit("XA-KHAC", "Xã Khác", "Commune");
        var old = await Client.GetUnitByCode("XA-CU");
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var problem = await (await Client.PostJson($"{UnitsApi.Url}/{old["id"]}/merge", new { successorCode = successor, mergedOn }))
            .ExpectProblem((HttpStatusCode)status);

        Assert.Contains(says, problem.ToJsonString(TestHttp.JsonOptions).Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        var after = await Client.GetUnitByCode("XA-CU");
        Assert.Equal((true, (string?)null), ((bool)after["isActive"]!, (string?)after["successorCode"]));
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task ActivateUnit_WhenMerged_Returns409()
    {
        await Client.CreateUnit("XA-CU", "Xã Cũ", "Commune");
        await Client.CreateUnit("XA-MOI", "Xã Mới", "Commune");
        var old = await Client.GetUnitByCode("XA-CU");
        await (await Client.PostJson($"{UnitsApi.Url}/{old["id"]}/merge", new { successorCode = "XA-MOI", mergedOn = "2026-07-01" })).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.PostAsync($"{UnitsApi.Url}/{old["id"]}/activate", null)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("merged", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}

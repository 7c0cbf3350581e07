using System.Net;
using System.Net.Http.Json;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>A Unit client may report progress only for its own unit, on the tasks its unit is assigned.</summary>
public sealed class UnitClientTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => AccessApi.Today;

    [Fact]
    public async Task ReportProgress_OnAnotherUnitsTask_Is403AndWritesNothing()
    {
        await Client.SeedUnits();
        var task = await Client.IssuedTask("STC");
        using var snv = Factory.ClientWithKey(await Client.CreateKey("Unit", "SNV"));
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var problem = await (await snv.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("SNV"))).ExpectProblem(HttpStatusCode.Forbidden);

        // SNV is neither named nor reached through a group: it holds no obligation (the rule since obligations, issue 12).
        Assert.Contains("SNV holds no obligation on this task", (string?)problem["detail"]);
        Assert.Contains("may not report progress", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM progress_reports"));
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
        var read = await (await snv.GetAsync($"/api/v1/tasks/{task}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("NotStarted", (string?)read["status"]);
    }

    [Fact]
    public async Task ReportProgress_InTheNameOfAnotherUnit_Is403()
    {
        await Client.SeedUnits();
        var task = await Client.IssuedTask("SNV");
        using var snv = Factory.ClientWithKey(await Client.CreateKey("Unit", "SNV"));

        var problem = await (await snv.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("STC"))).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.Contains("may not report as STC", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM progress_reports"));
    }

    [Fact]
    public async Task ReportProgress_OnItsOwnTask_IsRecordedWithTheUnit()
    {
        await Client.SeedUnits();
        var task = await Client.IssuedTask("SNV");
        using var snv = Factory.ClientWithKey(await Client.CreateKey("Unit", "snv"));

        var report = await (await snv.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("SNV"))).ExpectJson(HttpStatusCode.Created);

        Assert.Equal("SNV", (string?)report["reportingUnitCode"]);
        Assert.Equal("InProgress", (string?)(await (await snv.GetAsync($"/api/v1/tasks/{task}")).ExpectJson(HttpStatusCode.OK))["status"]);
    }

    [Fact]
    public async Task ReportProgress_ByACommuneOnATaskOfAllCommunesAndWards_IsAllowed()
    {
        await Client.SeedUnits();
        var task = await Client.IssuedTask("SNV", coordinatorGroup: "AllCommunesAndWards");
        using var commune = Factory.ClientWithKey(await Client.CreateKey("Unit", "XA-TIENDU"));
        using var department = Factory.ClientWithKey(await Client.CreateKey("Unit", "STC"));

        await (await commune.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("XA-TIENDU"))).ExpectJson(HttpStatusCode.Created);
        await (await department.PostJson($"/api/v1/tasks/{task}/progress", AccessApi.Report("STC"))).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnitClient_CannotEditTheTask()
    {
        await Client.SeedUnits();
        var task = await Client.IssuedTask("SNV");
        using var snv = Factory.ClientWithKey(await Client.CreateKey("Unit", "SNV"));
        var before = await (await Client.GetAsync($"/api/v1/tasks/{task}")).ExpectJson(HttpStatusCode.OK);
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var put = await (await snv.PutAsJsonAsync($"/api/v1/tasks/{task}", new
        {
            group = "Recurring", sequence = 1, content = "Nội dung do đơn vị tự sửa",
            timing = new { kind = "Recurring" }, leads = new[] { new { unitCode = "SNV" } }, coordinators = Array.Empty<object>(),
        })).ExpectProblem(HttpStatusCode.Forbidden);
        var delete = await (await snv.DeleteAsync($"/api/v1/tasks/{task}")).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.Contains("may not", (string?)put["detail"]);
        Assert.Contains("may not", (string?)delete["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM tasks"));
        Assert.Equal("Tổ chức phong trào thi đua", await Factory.ScalarAsync<string>("SELECT content FROM tasks"));
        Assert.Equal(before.ToJsonString(), (await (await Client.GetAsync($"/api/v1/tasks/{task}")).ExpectJson(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }
}

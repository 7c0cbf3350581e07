using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>POST and GET /api/v1/tasks/{id}/progress (báo cáo tiến độ).</summary>
public sealed class ReportProgressTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>After every report date below (a report may not be dated later than today).</summary>
    protected override DateOnly? PinnedToday => new(2025, 12, 1);

    /// <summary>A plan of 2025 with one task of March, led by <paramref name="lead"/> (SNV unless said), issued unless said.</summary>
    private async Task<(string PlanId, JsonNode Task)> PlanWithTask(bool issue = true, string lead = "SNV")
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("SGDDT", "Sở Giáo dục và Đào tạo");
        var plan = await Client.CreatePlan(2025, "Kế hoạch thử");
        var task = await Client.CreateTask(plan["id"]!, "Q1", 1, timing: Month(3), leads: [Unit(lead)]);
        if (issue) await Client.IssuePlan(plan["id"]!);
        return ((string)plan["id"]!, task);
    }

    private Task<long> Reports() => Factory.Count("progress_reports");

    [Fact]
    public async Task ReportProgress_OnAnIssuedPlansTask_Returns201AndTheTaskTakesTheStatus()
    {
        // The reporting unit leads the task: only a lead's report decides the task's status.
        var (_, task) = await PlanWithTask(lead: "SGDDT");

        var response = await Client.PostReport(task["id"]!, "InProgress", "2025-02-10", "sgddt", "  Đã ban hành   văn bản hướng dẫn. ",
            ["https://sonoivu.bacninh.gov.vn/van-ban/12", "http://example.org/a"]);

        var report = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tasks/{task["id"]}/progress", response.Headers.Location?.OriginalString);
        Assert.Equal((string?)task["id"], (string?)report["taskId"]);
        Assert.Equal("2025-02-10", (string?)report["reportedOn"]);
        Assert.Equal("SGDDT", (string?)report["reportingUnitCode"]);
        Assert.Equal("Sở Giáo dục và Đào tạo", (string?)report["reportingUnitName"]);
        Assert.Equal("InProgress", (string?)report["status"]);
        Assert.Equal("Đã ban hành văn bản hướng dẫn.", (string?)report["text"]);
        Assert.Equal(["https://sonoivu.bacninh.gov.vn/van-ban/12", "http://example.org/a"], report["evidenceLinks"]!.AsArray().Select(l => (string?)l));
        // The report is on SGDDT's obligation, recorded by the admin client on the unit's behalf, received now.
        Assert.Equal(await Factory.ScalarAsync<Guid>("select o.id from obligations o join units u on u.id = o.unit_id where u.code = 'SGDDT'"),
            (Guid)report["obligationId"]!);
        Assert.Equal("bootstrap-admin", (string?)report["recordedBy"]);
        Assert.True(DateTimeOffset.UtcNow - (DateTimeOffset)report["createdAt"]! < TimeSpan.FromMinutes(1));

        var after = await Client.GetTask(task["id"]!);
        Assert.Equal("InProgress", (string?)after["status"]);
        Assert.Equal("2025-02-10", (string?)after["lastReportedOn"]);
        Assert.Equal(1, (int)after["reportCount"]!);
        Assert.Null(after["completedOn"]);
        Assert.NotEqual((uint)task["version"]!, (uint)after["version"]!);
        Assert.True(after.UpdatedAt() > task.UpdatedAt());
        Assert.Equal("InProgress", await Factory.ScalarAsync<string>("select status from tasks"));
        Assert.Equal(1L, await Reports());
    }

    [Fact]
    public async Task ReportProgress_KeepsEveryReportAndListsThemNewestFirst()
    {
        var (_, task) = await PlanWithTask();
        await Client.Report(task["id"]!, "InProgress", "2025-02-01", text: "Báo cáo 1");
        await Client.Report(task["id"]!, "InProgress", "2025-02-10", text: "Báo cáo 2");
        await Client.Report(task["id"]!, "InProgress", "2025-02-10", text: "Báo cáo 3 (cùng ngày)");
        await Client.Report(task["id"]!, "Done", "2025-03-20", text: "Báo cáo 4");

        var page = await (await Client.GetAsync($"{TasksUrl}/{task["id"]}/progress")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["Báo cáo 4", "Báo cáo 3 (cùng ngày)", "Báo cáo 2", "Báo cáo 1"], page["items"]!.AsArray().Select(r => (string?)r!["text"]));
        Assert.Equal(["Done", "InProgress", "InProgress", "InProgress"], page["items"]!.AsArray().Select(r => (string?)r!["status"]));
        Assert.Equal(4, (int)page["totalCount"]!);
        Assert.Null(page["nextPage"]);

        var paged = await (await Client.GetAsync($"{TasksUrl}/{task["id"]}/progress?pageSize=3")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, paged["items"]!.AsArray().Count);
        var second = await (await Client.GetAsync((string)paged["nextPage"]!)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Báo cáo 1"], second["items"]!.AsArray().Select(r => (string?)r!["text"]));

        var after = await Client.GetTask(task["id"]!);
        Assert.Equal("Done", (string?)after["status"]);
        Assert.Equal("2025-03-20", (string?)after["completedOn"]);
        Assert.Equal(4, (int)after["reportCount"]!);
    }

    [Fact]
    public async Task ReportProgress_WhenDoneIsReportedAgain_KeepsTheFirstCompletionDate_AndReopeningClearsIt()
    {
        var (_, task) = await PlanWithTask();
        await Client.Report(task["id"]!, "Done", "2025-03-20");
        await Client.Report(task["id"]!, "Done", "2025-04-02", text: "Bổ sung hồ sơ");
        Assert.Equal("2025-03-20", (string?)(await Client.GetTask(task["id"]!))["completedOn"]);

        await Client.Report(task["id"]!, "InProgress", "2025-04-05", text: "Phải làm lại");

        var after = await Client.GetTask(task["id"]!);
        Assert.Equal("InProgress", (string?)after["status"]);
        Assert.Null(after["completedOn"]);
        Assert.Equal("2025-04-05", (string?)after["lastReportedOn"]);
    }

    [Fact]
    public async Task ReportProgress_WhenThePlanIsADraft_Returns409AndWritesNothing()
    {
        var (_, task) = await PlanWithTask(issue: false);

        var problem = await (await Client.PostReport(task["id"]!, "InProgress", "2025-02-10")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("draft", (string?)problem["detail"]);
        Assert.Equal(0L, await Reports());
        Assert.Equal("NotStarted", (string?)(await Client.GetTask(task["id"]!))["status"]);
    }

    [Fact]
    public async Task ReportProgress_WhenThePlanIsClosed_Returns409AndWritesNothing()
    {
        var (planId, task) = await PlanWithTask();
        await Client.Report(task["id"]!, "InProgress", "2025-02-10");
        await Client.ClosePlan(planId);

        var problem = await (await Client.PostReport(task["id"]!, "Done", "2025-03-01")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("closed", (string?)problem["detail"]);
        Assert.Equal(1L, await Reports());
        Assert.Equal("InProgress", (string?)(await Client.GetTask(task["id"]!))["status"]);
    }

    [Fact]
    public async Task ReportProgress_WhenDatedInTheFuture_Returns409AndWritesNothing()
    {
        var (_, task) = await PlanWithTask();
        Factory.PinClock(DateTimeOffset.Parse("2025-03-01T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 23:30 on 1 March in Bắc Ninh

        var problem = await (await Client.PostReport(task["id"]!, "InProgress", "2025-03-02")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("future", (string?)problem["detail"]);
        Assert.Contains("2025-03-02 is after 2025-03-01", (string?)problem["detail"]);
        Assert.Equal(0L, await Reports());
        Assert.Equal("NotStarted", await Factory.ScalarAsync<string>("select status from tasks"));
    }

    [Fact]
    public async Task ReportProgress_WhenDatedBeforeTheLastReport_Returns409AndWritesNothing()
    {
        var (_, task) = await PlanWithTask();
        await Client.Report(task["id"]!, "InProgress", "2025-02-10");

        var problem = await (await Client.PostReport(task["id"]!, "Done", "2025-02-09")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("2025-02-10", (string?)problem["detail"]);
        Assert.Equal(1L, await Reports());
        var after = await Client.GetTask(task["id"]!);
        Assert.Equal("InProgress", (string?)after["status"]);
        Assert.Null(after["completedOn"]);
    }

    [Fact]
    public async Task ReportProgress_WhenAStartedTaskIsReportedNotStarted_Returns409()
    {
        var (_, task) = await PlanWithTask();
        await Client.Report(task["id"]!, "InProgress", "2025-02-10");

        await (await Client.PostReport(task["id"]!, "NotStarted", "2025-02-11")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal(1L, await Reports());
        Assert.Equal("InProgress", await Factory.ScalarAsync<string>("select status from tasks"));
    }

    [Fact]
    public async Task ReportProgress_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndWritesNothing()
    {
        var (_, task) = await PlanWithTask();

        var problem = await (await Client.PostJson($"{TasksUrl}/{task["id"]}/progress", new
        {
            reportingUnitCode = "", text = " ", evidenceLinks = new[] { "ftp://files.example.org/a", "không phải liên kết" },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("reportedOn", errors);
        Assert.Contains("status", errors);
        Assert.Contains("reportingUnitCode", errors);
        Assert.Contains("text", errors);
        Assert.Contains(errors, e => e.StartsWith("evidenceLinks", StringComparison.Ordinal));
        Assert.Equal(0L, await Reports());
    }

    [Fact]
    public async Task ReportProgress_WhenIfMatchIsStale_Returns412AndWritesNothing_AndWithTheCurrentETagSucceeds()
    {
        var (_, task) = await PlanWithTask();
        var before = await Client.GetAsync($"{TasksUrl}/{task["id"]}");
        await before.ExpectJson(HttpStatusCode.OK);
        await Client.Report(task["id"]!, "InProgress", "2025-02-10", text: "Người khác báo cáo trước");

        await (await Client.PostReport(task["id"]!, "Done", "2025-02-11", ifMatch: before.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(1L, await Reports());
        Assert.Equal("InProgress", await Factory.ScalarAsync<string>("select status from tasks"));
        var current = await Client.GetAsync($"{TasksUrl}/{task["id"]}");
        await current.ExpectJson(HttpStatusCode.OK);
        await (await Client.PostReport(task["id"]!, "Done", "2025-02-11", ifMatch: current.ETag())).ExpectJson(HttpStatusCode.Created);
        Assert.Equal("Done", await Factory.ScalarAsync<string>("select status from tasks"));
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

public sealed class CreateTaskTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<string> DraftPlan(int year = 2025)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("VP-UBND", "Văn phòng UBND tỉnh");
        await Client.CreateUnit("SGDDT", "Sở Giáo dục và Đào tạo");
        return (string)(await Client.CreatePlan(year, "Kế hoạch thử"))["id"]!;
    }

    [Fact]
    public async Task CreateTask_WhenValid_Returns201WithAssigneesInOrderTimingDeadlineAndETag()
    {
        var planId = await DraftPlan();

        var response = await Client.PostTask(planId, TaskBody("Q2", 4, "  Xét duyệt khen cao, khen thưởng tổng kết ngành Giáo dục và Đào tạo. ",
            Month(6), leads: [Unit("snv")], coordinators: [Unit("SGDDT"), Group("AllCommunesAndWards"), Group("RelatedUnits")]));

        var task = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tasks/{task["id"]}", response.Headers.Location?.OriginalString);
        Assert.StartsWith($"\"{task["version"]}", response.ETag());
        Assert.Equal(planId, (string?)task["planId"]);
        Assert.Equal(2025, (int)task["planYear"]!);
        Assert.Equal("Q2", (string?)task["group"]);
        Assert.Equal(4, (int)task["sequence"]!);
        Assert.Equal("Xét duyệt khen cao, khen thưởng tổng kết ngành Giáo dục và Đào tạo.", (string?)task["content"]);
        Assert.Equal("Month", (string?)task["timing"]!["kind"]);
        Assert.Equal(6, (int)task["timing"]!["month"]!);
        Assert.Equal("2025-06-30", (string?)task["deadline"]);
        Assert.Equal(["SNV"], task.Codes("leads"));
        Assert.Equal("Sở Nội vụ", (string?)task["leads"]![0]!["unitName"]);
        Assert.Equal(["SGDDT", "AllCommunesAndWards", "RelatedUnits"], task.Codes("coordinators"));
        Assert.Equal("NotStarted", (string?)task["status"]);
        Assert.Equal(0, (int)task["reportCount"]!);
        Assert.Null(task["completedOn"]);

        var reread = await Client.GetTask(task["id"]!);
        Assert.Equal(["SGDDT", "AllCommunesAndWards", "RelatedUnits"], reread.Codes("coordinators"));
        Assert.Equal(1, (int)(await Client.GetPlan(planId))["taskCount"]!);
        Assert.Equal(4L, await Factory.Count("task_assignees"));
        // The ETag the creation answers with guards the next write.
        var update = await Client.Send(HttpMethod.Put, $"{TasksUrl}/{task["id"]}", TaskBody("Q2", 4, "Nội dung sửa", Month(6), [Unit("SNV")]),
            ifMatch: response.ETag());
        await update.ExpectJson(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Month", 2, null, null, "2024-02-29")]      // the plan's year, a leap year
    [InlineData("Quarter", null, 2, null, "2024-06-30")]
    [InlineData("Quarter", null, 4, null, "2024-12-31")]
    [InlineData("Date", null, null, "2024-05-19", "2024-05-19")]
    [InlineData("Recurring", null, null, null, null)]
    public async Task CreateTask_ForEachTimingKind_DerivesTheDeadline(string kind, int? month, int? quarter, string? date, string? deadline)
    {
        var planId = await DraftPlan(2024);

        var task = await Client.CreateTask(planId, "Q1", 1, timing: new { kind, month, quarter, date });

        Assert.Equal(kind, (string?)task["timing"]!["kind"]);
        Assert.Equal(deadline, (string?)task["deadline"]);
        Assert.Equal(deadline, (string?)(await Client.GetTask(task["id"]!))["deadline"]);
    }

    [Fact]
    public async Task CreateTask_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndWritesNothing()
    {
        var planId = await DraftPlan();

        var problem = await (await Client.PostTask(planId, new { sequence = 0, content = " ", timing = new { kind = "Month" }, leads = Array.Empty<object>() }))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("group", errors);
        Assert.Contains("sequence", errors);
        Assert.Contains("content", errors);
        Assert.Contains("timing.month", errors);
        Assert.Contains("leads", errors);
        Assert.Equal(0L, await Factory.Count("tasks"));
    }

    [Theory]
    [InlineData("""{"kind":"Quarter","quarter":5}""", "timing.quarter")]
    [InlineData("""{"kind":"Weekly"}""", "timing.kind")]
    public async Task CreateTask_WhenTimingInvalid_Returns400OnTheTimingField(string timing, string field)
    {
        var planId = await DraftPlan();

        var problem = await (await Client.PostAsync($"{Url}/{planId}/tasks",
            TestHttp.Json($$"""{"group":"Q1","sequence":1,"content":"Việc","timing":{{timing}},"leads":[{"unitCode":"SNV"}]}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await Factory.Count("tasks"));
    }

    [Fact]
    public async Task CreateTask_WhenAUnitCodeIsUnknown_Returns400OnThatAssignee()
    {
        var planId = await DraftPlan();

        var problem = await (await Client.PostTask(planId, TaskBody(leads: [Unit("SNV")], coordinators: [Group("RelatedUnits"), Unit("KHONG-CO")])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("KHONG-CO", (string?)problem["errors"]!["coordinators[1].unitCode"]![0]);
        Assert.Equal(0L, await Factory.Count("tasks"));
    }

    [Fact]
    public async Task CreateTask_WhenUnitNamesHoldJsonSpecialCharacters_AnswersThemExactlyInTheTaskAndTheFeed()
    {
        // The assignees travel from PostgreSQL as one JSON value per task (emulation_task_assignees): a name that is
        // JSON's own syntax, an escape, markup or a character outside the BMP must come back as it was written.
        const string quoted = "Phòng \"Thi đua\" \\ Khen thưởng </script> 🏅 {\"a\":[1]}";
        const string plain = "Ban Thi đua – Khen thưởng tỉnh";
        await Client.CreateUnit("Q-1", quoted);
        await Client.CreateUnit("Q-2", plain);
        var planId = (string)(await Client.CreatePlan(2025, "Kế hoạch thử"))["id"]!;
        var created = await (await Client.PostTask(planId, TaskBody(leads: [Unit("q-2"), Unit("Q-1")],
            coordinators: [Group("RelatedUnits"), Unit("Q-1")]))).ExpectJson(HttpStatusCode.Created);

        var read = await Client.GetTask(created["id"]!);
        var listed = (await Client.Feed($"planId={planId}"))["items"]![0]!;

        foreach (var task in new[] { created, read, listed })
        {
            Assert.Equal(["Q-2", "Q-1"], task.Codes("leads"));
            Assert.Equal([plain, quoted], task["leads"]!.AsArray().Select(a => (string?)a!["unitName"]));
            Assert.Equal(["RelatedUnits", "Q-1"], task.Codes("coordinators"));
            Assert.Equal([null, quoted], task["coordinators"]!.AsArray().Select(a => (string?)a!["unitName"]));
            Assert.Null(task["coordinators"]![0]!["unitId"]);
        }
    }

    [Fact]
    public async Task CreateTask_WhenAnAssigneeNamesBothAUnitAndAGroup_Returns400()
    {
        var planId = await DraftPlan();

        var problem = await (await Client.PostTask(planId, TaskBody(leads: [new { unitCode = "SNV", group = "RelatedUnits" }])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("leads[0]", StringComparison.Ordinal));
        Assert.Equal(0L, await Factory.Count("tasks"));
    }

    [Fact]
    public async Task CreateTask_WhenTheGroupAndNumberAreTaken_Returns409AndKeepsTheFirst()
    {
        var planId = await DraftPlan();
        await Client.CreateTask(planId, "Q1", 1, "Việc thứ nhất");
        await Client.CreateTask(planId, "Q2", 1, "Cùng số, khác nhóm");

        var problem = await (await Client.PostTask(planId, TaskBody("Q1", 1, "Việc trùng số"))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Q1", (string?)problem["detail"]);
        Assert.Equal(2L, await Factory.Count("tasks"));
        Assert.Equal("Việc thứ nhất", await Factory.ScalarAsync<string>("select content from tasks where \"group\" = 'Q1'"));
    }

    [Fact]
    public async Task CreateTask_WhenThePlanIsIssued_Returns409AndWritesNothing()
    {
        var planId = await DraftPlan();
        await Client.IssuePlan(planId);

        var problem = await (await Client.PostTask(planId, TaskBody())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("draft", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.Count("tasks"));
    }
}

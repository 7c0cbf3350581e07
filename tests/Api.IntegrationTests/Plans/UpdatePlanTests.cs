using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Plans;

public sealed class UpdatePlanTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Put(object id, object body, string? ifMatch = null) =>
        Client.Send(HttpMethod.Put, $"{PlansApi.Url}/{id}", body, ifMatch: ifMatch);

    private Task<string> StoredTitle() => Factory.ScalarAsync<string>("select title from plans");

    [Fact]
    public async Task UpdatePlan_WhenDraft_ReplacesEveryFieldAndAnswersANewETag()
    {
        var plan = await Client.CreatePlan(2026, "Dự thảo", number: "5/KH-UBND");

        var response = await Put(plan["id"]!, new
        {
            year = 2026, title = "Kế hoạch công tác thi đua, khen thưởng năm 2026", issuingBody = "UBND tỉnh Bắc Ninh",
            place = "Bắc Ninh", issueDate = "2026-01-15", signerName = "Phạm Hoàng Sơn", signerTitle = "Chủ tịch",
            legalBases = new[] { "Căn cứ Luật Thi đua, khen thưởng năm 2022" }, recipients = new[] { "Lưu: VT" },
        });

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Kế hoạch công tác thi đua, khen thưởng năm 2026", (string?)body["title"]);
        Assert.Null(body["number"]); // omitted: a full rewrite clears it
        Assert.Equal("2026-01-15", (string?)body["issueDate"]);
        Assert.Equal("Phạm Hoàng Sơn", (string?)body["signerName"]);
        Assert.Equal(["Căn cứ Luật Thi đua, khen thưởng năm 2022"], body["legalBases"]!.AsArray().Select(b => (string?)b));
        Assert.Equal("Draft", (string?)body["status"]);
        Assert.NotEqual((uint)plan["version"]!, (uint)body["version"]!);
        Assert.StartsWith($"\"{body["version"]}-", response.ETag());

        var reread = await Client.GetPlan(plan["id"]!);
        Assert.Equal(body.ToJsonString(), reread.ToJsonString());
    }

    [Fact]
    public async Task UpdatePlan_WhenYearChanges_TheTasksDeadlinesFollowTheNewYear()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan(2025, "Kế hoạch");
        var month = await Client.CreateTask(plan["id"]!, "Q1", 1, timing: PlansApi.Month(2));
        var quarter = await Client.CreateTask(plan["id"]!, "Q2", 1, timing: PlansApi.Quarter(2));
        var date = await Client.CreateTask(plan["id"]!, "Q3", 1, timing: PlansApi.OnDate("2025-09-15"));
        Assert.Equal("2025-02-28", (string?)month["deadline"]);

        await (await Put(plan["id"]!, new { year = 2028, title = "Kế hoạch" })).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("2028-02-29", (string?)(await Client.GetTask(month["id"]!))["deadline"]);
        Assert.Equal(2028, (int)(await Client.GetTask(month["id"]!))["planYear"]!);
        Assert.Equal("2028-06-30", (string?)(await Client.GetTask(quarter["id"]!))["deadline"]);
        Assert.Equal("2025-09-15", (string?)(await Client.GetTask(date["id"]!))["deadline"]); // a date is a date
    }

    [Fact]
    public async Task UpdatePlan_WhenIssued_Returns409WithReasonAndChangesNothing()
    {
        var plan = await Client.CreatePlan(2025, "Kế hoạch đã ban hành");
        var issued = await Client.IssuePlan(plan["id"]!);

        var problem = await (await Put(plan["id"]!, new { year = 2025, title = "Sửa sau khi ban hành" })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("issued", (string?)problem["detail"]);
        Assert.Equal("Kế hoạch đã ban hành", await StoredTitle());
        Assert.Equal((uint)issued["version"]!, (uint)(await Client.GetPlan(plan["id"]!))["version"]!);
    }

    [Fact]
    public async Task UpdatePlan_WhenIfMatchIsCurrent_Returns200_AndWhenStale_Returns412AndChangesNothing()
    {
        var plan = await Client.CreatePlan(2025, "Bản 0");
        var read = await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}");
        await read.ExpectJson(HttpStatusCode.OK);
        var v0 = read.Headers.ETag!.Tag; // the tag the server gave, sent back as it is
        var first = await Put(plan["id"]!, new { year = 2025, title = "Bản 1" }, ifMatch: v0);
        var current = await first.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Bản 1", (string?)current["title"]);

        var problem = await (await Put(plan["id"]!, new { year = 2030, title = "Bản 2" }, ifMatch: v0)).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        var reread = await Client.GetPlan(plan["id"]!);
        Assert.Equal("Bản 1", (string?)reread["title"]);
        Assert.Equal(2025, (int)reread["year"]!);
        Assert.Equal((uint)current["version"]!, (uint)reread["version"]!);
        Assert.Equal("Bản 1", await StoredTitle());
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"abc\"")]
    public async Task UpdatePlan_WhenIfMatchMalformed_Returns400AndChangesNothing(string ifMatch)
    {
        var plan = await Client.CreatePlan(2025, "Bản gốc");

        var problem = await (await Put(plan["id"]!, new { year = 2025, title = "Bản khác" }, ifMatch: ifMatch)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("If-Match", (string?)problem["detail"]);
        Assert.Equal("Bản gốc", await StoredTitle());
    }
}

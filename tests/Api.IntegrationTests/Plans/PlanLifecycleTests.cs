using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>Draft → issued (ban hành) → closed (kết thúc), and the transitions that are refused.</summary>
public sealed class PlanLifecycleTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<string> StoredStatus() => Factory.ScalarAsync<string>("select status from plans");

    [Fact]
    public async Task IssuePlan_WhenNumberAndDateGiven_MovesTheDraftToIssued()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch");

        var response = await Client.PostJson($"{PlansApi.Url}/{plan["id"]}/issue", new { number = " 12/KH-UBND ", issueDate = "2026-01-15" });

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Issued", (string?)body["status"]);
        Assert.Equal("12/KH-UBND", (string?)body["number"]);
        Assert.Equal("2026-01-15", (string?)body["issueDate"]);
        Assert.StartsWith($"\"{body["version"]}-", response.ETag());
        Assert.Equal("Issued", await StoredStatus());
        Assert.Equal("Issued", (string?)(await Client.GetPlan(plan["id"]!))["status"]);
    }

    [Fact]
    public async Task IssuePlan_WhenTheNumberAndDateAreAlreadyOnThePlan_IssuesWithAnEmptyBody()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch", number: "12/KH-UBND", issueDate: "2026-01-15");

        var body = await (await Client.PostAsync($"{PlansApi.Url}/{plan["id"]}/issue", TestHttp.Json("{}"))).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Issued", (string?)body["status"]);
        Assert.Equal("12/KH-UBND", (string?)body["number"]);
        Assert.Equal("2026-01-15", (string?)body["issueDate"]);
    }

    /// <summary>README: "needs a number and an issue date (body or plan)" — with both on the plan there is nothing to send.</summary>
    [Fact]
    public async Task IssuePlan_WhenTheNumberAndDateAreAlreadyOnThePlan_IssuesWithoutABody()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch", number: "12/KH-UBND", issueDate: "2026-01-15");

        var body = await (await Client.PostAsync($"{PlansApi.Url}/{plan["id"]}/issue", null)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Issued", (string?)body["status"]);
        Assert.Equal("Issued", await StoredStatus());
    }

    [Theory]
    [InlineData(null, "2026-01-15", "number")]
    [InlineData("12/KH-UBND", null, "date")]
    [InlineData(null, null, "number")]
    public async Task IssuePlan_WhenNumberOrDateMissing_Returns409WithTheReasonAndStaysDraft(string? number, string? issueDate, string reason)
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch");

        var problem = await (await Client.PostJson($"{PlansApi.Url}/{plan["id"]}/issue", new { number, issueDate }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(reason, (string?)problem["detail"]);
        Assert.Equal("Draft", await StoredStatus());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("select count(*) from plans where number is not null or issue_date is not null"));
    }

    [Fact]
    public async Task IssuePlan_WhenAlreadyIssued_Returns409AndKeepsTheFirstNumber()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch");
        await Client.IssuePlan(plan["id"]!, "12/KH-UBND", "2026-01-15");

        var problem = await (await Client.PostJson($"{PlansApi.Url}/{plan["id"]}/issue", new { number = "99/KH-UBND", issueDate = "2026-02-01" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("issued", (string?)problem["detail"]);
        Assert.Equal("12/KH-UBND", await Factory.ScalarAsync<string>("select number from plans"));
    }

    [Fact]
    public async Task ClosePlan_WhenIssued_MovesToClosed_AndAClosedPlanCanBeNeitherClosedNorIssuedAgain()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch");
        var issued = await Client.IssuePlan(plan["id"]!);

        var response = await Client.PostAsync($"{PlansApi.Url}/{plan["id"]}/close", null);
        var closed = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Closed", (string?)closed["status"]);
        Assert.Equal((string?)issued["number"], (string?)closed["number"]);
        Assert.NotEqual((uint)issued["version"]!, (uint)closed["version"]!);
        Assert.StartsWith($"\"{closed["version"]}-", response.ETag());

        var again = await (await Client.PostAsync($"{PlansApi.Url}/{plan["id"]}/close", null)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)again["detail"]);
        await (await Client.PostJson($"{PlansApi.Url}/{plan["id"]}/issue", new { number = "1/KH", issueDate = "2026-01-01" }))
            .ExpectProblem(HttpStatusCode.Conflict);
        await (await Client.Send(HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2026, title = "Sửa" })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("Closed", await StoredStatus());
    }

    [Fact]
    public async Task ClosePlan_WhenDraft_Returns409AndStaysDraft()
    {
        var plan = await Client.CreatePlan(2026, "Kế hoạch");

        var problem = await (await Client.PostAsync($"{PlansApi.Url}/{plan["id"]}/close", null)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("draft", (string?)problem["detail"]);
        Assert.Equal("Draft", await StoredStatus());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Input the framework cannot read is a 400 problem whose <c>errors</c> name the field as the client sent it: in a
/// body by its JSON path, in a query or route by its key; an unknown enum name lists the names allowed.
/// </summary>
public sealed class ProblemMappingTests(ApiFactory factory) : ApiTest(factory)
{
    private static string[] Messages(JsonNode problem, string field)
    {
        var messages = problem["errors"]![field];
        Assert.True(messages is not null, $"No error on '{field}': {problem.ToJsonString()}");
        return [.. messages!.AsArray().Select(m => (string)m!)];
    }

    private async Task<string> DraftPlanId() => (string)(await Client.CreatePlan())["id"]!;

    [Fact]
    public async Task BodyEnum_WhenNameUnknown_Returns400OnItsPathListingTheNames()
    {
        var body = """{"group":"Q1","sequence":1,"content":"Việc","timing":{"kind":"Weekly"},"leads":[{"group":"AllCommunesAndWards"}]}""";

        var problem = await (await Client.PostAsync($"{PlansApi.Url}/{await DraftPlanId()}/tasks", TestHttp.Json(body)))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var message = Assert.Single(Messages(problem, "timing.kind"));
        Assert.Equal("'Weekly' is not one of: Month, Quarter, Date, Recurring.", message);
    }

    [Theory]
    [InlineData("status=Open", "status", "'Open' is not one of: Draft, Issued, Closed.")]
    [InlineData("STATUS=Open", "STATUS", "'Open' is not one of: Draft, Issued, Closed.")]
    public async Task QueryEnum_WhenNameUnknown_Returns400OnTheKeyAsSentListingTheNames(string query, string field, string expected)
    {
        var problem = await (await Client.GetAsync($"{PlansApi.Url}?{query}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([expected], Messages(problem, field));
        Assert.Equal(expected, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("""{"year":true,"title":"Kế hoạch"}""", "year")]
    [InlineData("""{"year":2025,"title":["Kế hoạch"]}""", "title")]
    public async Task BodyField_WhenOfTheWrongType_Returns400NamingIt(string body, string field)
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["The value is missing, malformed or of the wrong type, or the property is given more than once."], Messages(problem, field));
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    [Fact]
    public async Task NestedBodyField_WhenOfTheWrongType_Returns400OnItsPath()
    {
        var body = """{"group":"Q1","sequence":1,"content":"Việc","timing":{"kind":"Month","month":"three"},"leads":[{"group":"AllCommunesAndWards"}]}""";

        var problem = await (await Client.PostAsync($"{PlansApi.Url}/{await DraftPlanId()}/tasks", TestHttp.Json(body)))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Single(Messages(problem, "timing.month"));
    }

    [Fact]
    public async Task QueryValue_WhenUnparsable_Returns400NamingItAndTheValue()
    {
        var task = await Client.CreateTask(await DraftPlanId(), leads: [PlansApi.Group("AllCommunesAndWards")]);

        var problem = await (await Client.GetAsync($"{PlansApi.TasksUrl}/{task["id"]}?asOf=yesterday")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["'yesterday' is not a valid value."], Messages(problem, "asOf"));
    }

    [Fact]
    public async Task Body_WhenMissing_Returns400SayingSo()
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, TestHttp.Json(""))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal("The request body is missing.", (string?)problem["title"]);
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    [Fact]
    public async Task Body_WhenNotJson_Returns400OnTheBody()
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, TestHttp.Json("""{"year":2025,"title":"x" """))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("The body is not valid JSON", Assert.Single(Messages(problem, "body")));
    }
}

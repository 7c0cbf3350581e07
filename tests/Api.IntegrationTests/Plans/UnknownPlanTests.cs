using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>Every operation on a plan id that does not exist answers 404 problem+json and writes nothing.</summary>
public sealed class UnknownPlanTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("POST", "/issue")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/tasks")]
    public async Task PlanOperation_WhenThePlanIsUnknown_Returns404NamingTheId(string method, string path)
    {
        await Units.UnitsApi.CreateUnit(Client, "SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();
        object? body = method == "GET" ? null
            : path == "/tasks" ? PlansApi.TaskBody()
            : path == "/issue" ? new { number = "1/KH-UBND", issueDate = "2026-01-01" }
            : new { year = 2026, title = "Không có", number = "1/KH-UBND", issueDate = "2026-01-01" };

        var problem = await (await Client.Send(new HttpMethod(method), $"{PlansApi.Url}/{id}{path}", body)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.Count("plans"));
        Assert.Equal(0L, await Factory.Count("tasks"));
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>Every operation on a task id that does not exist answers 404 problem+json and writes nothing.</summary>
public sealed class UnknownTaskTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/progress")]
    [InlineData("GET", "/progress")]
    public async Task TaskOperation_WhenTheTaskIsUnknown_Returns404NamingTheId(string method, string path)
    {
        await Units.UnitsApi.CreateUnit(Client, "SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();
        object? body = (method, path) switch
        {
            ("PUT", _) => TaskBody(),
            ("POST", _) => new { reportedOn = "2025-02-10", reportingUnitCode = "SNV", status = "InProgress", text = "Báo cáo" },
            _ => null,
        };

        var problem = await (await Client.Send(new HttpMethod(method), $"{TasksUrl}/{id}{path}", body)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.Count("tasks"));
        Assert.Equal(0L, await Factory.Count("progress_reports"));
    }
}

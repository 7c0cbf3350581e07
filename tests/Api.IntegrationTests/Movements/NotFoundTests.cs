using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Movements;

public sealed class NotFoundTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/launch")]
    [InlineData("POST", "/interim-review")]
    [InlineData("POST", "/final-review")]
    [InlineData("POST", "/close")]
    public async Task Movement_WhenTheIdIsUnknown_Returns404ProblemJson(string method, string suffix)
    {
        object? body = method switch
        {
            "PUT" => MovementsApi.Body("Phong trào A"),
            "POST" => new { date = "2026-06-01", documentReference = "Văn bản", result = "Kết quả" },
            _ => null,
        };

        var problem = await (await Client.Send(new HttpMethod(method), $"{MovementsApi.Url}/{Guid.NewGuid()}{suffix}", body)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains("Movement", (string?)problem["title"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM movements"));
    }
}

using System.Net;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests;

public sealed class ErrorHandlingTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/units/123/children")]
    [InlineData("/no-such-page")]
    public async Task UnknownRoute_WhenRequested_Returns404ProblemJson(string url)
    {
        var problem = await (await Client.GetAsync(url)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.NotNull(problem["traceId"]);
    }

    [Fact]
    public async Task WrongMethod_WhenPatchOnTheUnitsCollection_Returns405ProblemJsonWithAllow()
    {
        var response = await Client.PatchAsync("/api/v1/units", TestHttp.Json("""{"name":"x"}"""));

        await response.ExpectProblem(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task WrongMethod_WhenDeleteOnTheUnitsCollection_Returns405ProblemJson()
    {
        await (await Client.DeleteAsync("/api/v1/units")).ExpectProblem(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task UnsupportedMediaType_WhenBodyIsPlainText_Returns415ProblemJson()
    {
        var response = await Client.PostAsync("/api/v1/units", new StringContent("""{"code":"X1","name":"X","kind":"Other"}""", Encoding.UTF8, "text/plain"));

        await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    public static TheoryData<string, string, string?, string?, string?, int> BadRequests => new()
    {
        // method, url, body, content type, If-Match, expected status
        { "GET", "/api/v1/units?page=abc", null, null, null, 400 },
        { "GET", "/api/v1/units?kind=Nope", null, null, null, 400 },
        { "GET", "/api/v1/units?sort=nope&pageSize=0", null, null, null, 400 },
        { "POST", "/api/v1/units", """{"code":"X1","name":"X",""", "application/json", null, 400 },
        { "POST", "/api/v1/units", """{"code":"X1","name":123,"kind":"Other"}""", "application/json", null, 400 },
        { "POST", "/api/v1/units", """{"code":"X1","name":"X","kind":"Nope"}""", "application/json", null, 400 },
        { "POST", "/api/v1/units", """{"code":"X1","name":"X","kind":"Other"}""", "text/plain", null, 415 },
        { "PUT", $"/api/v1/units/{Guid.Empty}", """{"name":"X","kind":"Other"}""", "application/json", "garbage", 400 },
        { "PUT", $"/api/v1/units/{Guid.Empty}", """{"name":"X","kind":"Other"}""", "application/json", null, 404 },
        { "GET", $"/api/v1/units/{Guid.Empty}", null, null, null, 404 },
        { "GET", "/api/v1/units/by-code/NOPE", null, null, null, 404 },
        { "DELETE", $"/api/v1/units/{Guid.Empty}", null, null, null, 404 },
        { "POST", $"/api/v1/units/{Guid.Empty}/deactivate", null, null, null, 404 },
        { "PATCH", "/api/v1/units", """{"name":"X"}""", "application/json", null, 405 },
        { "GET", "/api/v1/nothing-here", null, null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AnyError_WhenAnswered_IsProblemJsonWithoutExceptionDetails(string method, string url, string? body,
        string? contentType, string? ifMatch, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem((HttpStatusCode)status);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("EmulationApi.", text);
        Assert.DoesNotContain("Npgsql", text);
        Assert.DoesNotContain("System.", text);
        Assert.Null(problem["exception"]);
        Assert.Null(problem["stackTrace"]);
    }
}

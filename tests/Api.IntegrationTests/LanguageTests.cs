using System.Net;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Issue 14, "Answers in Vietnamese": titles, details and messages follow Accept-Language (vi or en, quality values
/// honoured); a request naming neither gets the server's default, Vietnamese unless configured (the suite's server is
/// configured to English, see <see cref="ApiFactory"/>). Field names, <c>type</c> URIs and enum names stay English.
/// </summary>
public sealed class LanguageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string EmptyName = """{"code":"SNV","name":"","kind":"Department"}""";

    /// <summary>A server of its own with the production default: no <c>Localization:DefaultLanguage</c> setting at all.</summary>
    private WebApplicationFactory<Program> WithProductionDefault() =>
        Factory.WithWebHostBuilder(b => b.UseSetting(LanguageSetup.DefaultLanguageKey, ""));

    private async Task<(HttpResponseMessage Response, JsonNodeHolder Problem)> Send(HttpClient client, HttpMethod method, string url, string? body, string? acceptLanguage, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : TestHttp.Json(body) };
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        return (response, new JsonNodeHolder(await response.ExpectProblem(status)));
    }

    public sealed record JsonNodeHolder(System.Text.Json.Nodes.JsonNode Node)
    {
        public string? this[string key] => (string?)Node[key];
        public string? Error(string field) => (string?)Node["errors"]![field]![0];
    }

    [Theory]
    [InlineData("vi", "vi")]
    [InlineData("vi-VN", "vi")]
    [InlineData("en-US", "en")]
    [InlineData("en", "en")]
    [InlineData("fr", "en")]
    [InlineData("en;q=0.5, vi", "vi")]
    [InlineData("vi;q=0.4, en;q=0.8", "en")]
    [InlineData(null, "en")]
    public async Task ValidationError_FluentValidationBuiltIn_FollowsAcceptLanguage(string? acceptLanguage, string language)
    {
        var (response, problem) = await Send(Client, HttpMethod.Post, "/api/v1/units", EmptyName, acceptLanguage, HttpStatusCode.BadRequest);

        Assert.Equal(language == "vi" ? "'name' không được rỗng." : "'name' must not be empty.", problem.Error("name"));
        Assert.True(problem.Error("name")!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("")]
    public async Task ValidationError_WithoutASupportedLanguageOnTheProductionDefault_IsInVietnamese(string? acceptLanguage)
    {
        using var server = WithProductionDefault();
        using var client = server.CreateClient();

        var (response, problem) = await Send(client, HttpMethod.Post, "/api/v1/units", EmptyName, acceptLanguage, HttpStatusCode.BadRequest);

        Assert.Equal("'name' không được rỗng.", problem.Error("name"));
        Assert.Equal(["vi"], response.Content.Headers.ContentLanguage);
    }

    [Fact]
    public async Task SuccessfulAnswer_SaysItsLanguage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units");
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi-VN,vi;q=0.9");

        var response = await Client.SendAsync(request);

        await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["vi"], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }
}

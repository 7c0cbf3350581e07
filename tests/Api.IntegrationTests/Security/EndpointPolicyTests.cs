using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Security;

public sealed class EndpointPolicyTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void EveryEndpoint_DeclaresAKnownPolicyOrIsExplicitlyPublic()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 40, $"Only {endpoints.Count} endpoints found; the enumeration is broken.");

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && Policies.Roles.ContainsKey(p)))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a policy: " + string.Join(", ", undeclared));

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(["/api/v1/public/awards", "/api/v1/public/nominees", "/health/live", "/health/ready"], anonymous.Order());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/swagger/index.html")]
    public async Task PublicAddresses_WithoutCredential_Answer200(string url)
    {
        using var anonymous = Factory.ClientWithKey(null);
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresBothSchemesAndSecuresOperations()
    {
        using var anonymous = Factory.ClientWithKey(null);
        var doc = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).ExpectJson(HttpStatusCode.OK);

        var schemes = doc["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);

        var listTasks = doc["paths"]!["/api/v1/tasks"]!["get"]!;
        var security = listTasks["security"]!.AsArray().Select(s => s!.AsObject().Single().Key).ToList();
        Assert.Equal(["ApiKey", "Bearer"], security);
        Assert.NotNull(listTasks["responses"]!["401"]);
        Assert.NotNull(listTasks["responses"]!["403"]);
        Assert.NotNull(listTasks["responses"]!["429"]);
    }
}

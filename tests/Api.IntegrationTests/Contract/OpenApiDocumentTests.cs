using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Contract;

public sealed class OpenApiDocumentTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ServedDocument_IsTheCommittedOne()
    {
        using var anonymous = Factory.ClientWithKey(null);
        var served = await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync();
        var committed = await File.ReadAllTextAsync(ContractValidator.DocumentPath);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(served)),
            "The served OpenAPI document differs from openapi/v1.json: run scripts/openapi.sh update and commit the result.");
    }

    [Fact]
    public async Task Document_HasUniquePascalCaseOperationIds_SummariesDescriptionsTagsAnd500s()
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(ContractValidator.DocumentPath))!;
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Op: o.Value!))).ToList();

        var ids = operations.Select(o => (string?)o.Op["operationId"]).ToList();
        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z]+$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Op["summary"]), $"{o.Method} {o.Path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Op["description"]), $"{o.Method} {o.Path} has no description");
            Assert.NotEmpty(o.Op["tags"]!.AsArray());
            Assert.NotNull(o.Op["responses"]!["500"]);
            Assert.All(o.Op["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'),
                r => Assert.NotNull(r.Value!["content"]!["application/problem+json"]));
        });
        Assert.Equal("/", (string?)doc["servers"]![0]!["url"]);
        Assert.Equal(["Department", "Commune", "Ward", "MassOrganization", "PartyBody", "Enterprise", "CentralAgency", "Press", "Council", "Other"],
            doc["components"]!["schemas"]!["UnitKind"]!["enum"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task Document_EveryCodeInAPath_DeclaresItsKindsRule_WhichNoDotSegmentMeets()
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(ContractValidator.DocumentPath))!;
        var codes = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().SelectMany(o => o.Value!["parameters"]?.AsArray() ?? []).Select(x => (Path: p.Key, Parameter: x!)))
            .Where(x => (string?)x.Parameter["in"] == "path" && (string?)x.Parameter["schema"]!["format"] != "uuid")
            .ToList();

        Assert.Contains(codes, c => (string?)c.Parameter["name"] == "awardCode");
        Assert.Contains(codes, c => (string?)c.Parameter["name"] == "code");
        Assert.All(codes, c =>
        {
            var schema = c.Parameter["schema"]!;
            var expected = (string?)c.Parameter["name"] == "awardCode" ? Domain.Commendation.Award.CodeMaxLength : Domain.Units.Unit.CodeMaxLength;
            Assert.True(expected == (int?)schema["maxLength"], $"{c.Path} {c.Parameter["name"]}: maxLength {schema["maxLength"]}, expected {expected}");
            var pattern = new System.Text.RegularExpressions.Regex((string)schema["pattern"]!, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.Matches(pattern, "BK-UBND.2026_x");
            Assert.DoesNotMatch(pattern, ".");
            Assert.DoesNotMatch(pattern, "..");
        });
    }

    [Fact]
    public void Validator_FlagsBodiesThatDoNotMatch()
    {
        var validator = ContractValidator.Committed.Value;
        var url = $"/api/v1/units/{Guid.NewGuid()}";

        Assert.Contains(validator.Check("GET", url, HttpStatusCode.OK, "application/json", """{"id":"not-a-uuid"}"""), p => p.Contains("is not a uuid"));
        Assert.Contains(validator.Check("GET", url, HttpStatusCode.OK, "application/json", """{"id":"not-a-uuid"}"""), p => p.Contains("$.code is required"));
        Assert.Contains(validator.Check("GET", url, HttpStatusCode.Accepted, "application/json", "{}"), p => p.Contains("202 is not documented"));
        Assert.Contains(validator.Check("GET", url, HttpStatusCode.NotFound, "application/json", "{}"), p => p.Contains("documented: application/problem+json"));
        Assert.Empty(validator.Check("GET", url, HttpStatusCode.NotModified, null, ""));
    }

    [Fact]
    public async Task SuiteClients_CheckEveryAnswer()
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(ContractValidator.DocumentPath))!.AsObject();
        doc["paths"]!["/api/v1/units"]!["get"]!["responses"]!.AsObject().Remove("200");
        using var client = Factory.CreateDefaultClient(Factory.ClientOptions.BaseAddress, new ContractCheckingHandler(new ContractValidator(doc)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("/api/v1/units"));

        Assert.Contains("ListUnits (GET /api/v1/units): status 200 is not documented", error.Message);
    }
}

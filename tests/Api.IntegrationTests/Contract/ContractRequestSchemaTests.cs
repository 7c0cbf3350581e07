using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Contract;

/// <summary>
/// What a client sends is described as its validator demands it (README → The OpenAPI contract): a property the
/// validator demands is required and not nullable; one it does not is optional. Found by the generated-client scenarios
/// (contract/): the elements of the decision's outcomes, the council's votes and members were validated by inline child
/// rules the document could not read, so they came out as answers do — every property required and nullable as typed —
/// and a generated client had to send <c>reason: null</c> for an approved nominee while it could send a null nominee id.
/// </summary>
public sealed class ContractRequestSchemaTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task RequestSchemas_HaveNoPropertyBothRequiredAndNullable()
    {
        var doc = await ServedDocument();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var reached = RequestSchemas(doc, schemas);

        var both = reached.Order(StringComparer.Ordinal).SelectMany(name =>
        {
            var schema = schemas[name]!;
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
            return (schema["properties"]?.AsObject() ?? []).Where(p => required.Contains(p.Key) && p.Value?["nullable"]?.GetValue<bool>() == true)
                .Select(p => $"{name}.{p.Key}");
        }).ToList();

        Assert.Contains("NomineeOutcomeFields", reached);
        Assert.Contains("CouncilVoteFields", reached);
        Assert.Contains("CouncilMemberFields", reached);
        Assert.Empty(both);
    }

    [Theory]
    [InlineData("NomineeOutcomeFields", "nomineeId,outcome")]
    [InlineData("CouncilVoteFields", "abstain,against,for,nomineeId,outcome")]
    [InlineData("CouncilMemberFields", "name,role")]
    public async Task CollectionElementSchemas_RequireWhatTheirValidatorDemands(string schema, string required)
    {
        var doc = await ServedDocument();

        var names = doc["components"]!["schemas"]![schema]!["required"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal);

        Assert.Equal(required, string.Join(",", names));
    }

    private async Task<JsonNode> ServedDocument()
    {
        using var anonymous = Factory.ClientWithKey(null);
        return JsonNode.Parse(await (await anonymous.GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;
    }

    /// <summary>The component schemas a request body refers to, directly or through items, properties and allOf.</summary>
    private static HashSet<string> RequestSchemas(JsonNode doc, JsonObject schemas)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            if (node is not JsonObject s) return;
            if (s["$ref"] is { } reference)
            {
                var name = ((string)reference!).Split('/')[^1];
                if (seen.Add(name)) Walk(schemas[name]);
                return;
            }
            Walk(s["items"]);
            foreach (var key in new[] { "allOf", "oneOf", "anyOf" })
                foreach (var part in s[key]?.AsArray() ?? []) Walk(part);
            foreach (var property in s["properties"]?.AsObject() ?? []) Walk(property.Value);
        }
        foreach (var path in doc["paths"]!.AsObject())
            foreach (var operation in path.Value!.AsObject())
                foreach (var content in operation.Value?["requestBody"]?["content"]?.AsObject() ?? [])
                    Walk(content.Value?["schema"]);
        return seen;
    }
}

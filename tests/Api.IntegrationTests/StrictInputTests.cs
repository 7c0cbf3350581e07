using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// The server does what the contract says, so that a client's typo never disappears silently: a JSON body holds only
/// the properties its schema lists, each once and spelled as listed; no list holds null; enum values are the names the
/// document lists, in a body and in a query alike. Each refusal is a 400 naming the field. The cases are drawn from the
/// committed document, so an operation added later is covered by the same tests.
/// </summary>
public sealed class StrictInputTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly Lazy<JsonObject> Document = new(() => JsonNode.Parse(File.ReadAllText(ContractValidator.DocumentPath))!.AsObject());

    private static string[] Messages(JsonNode problem, string field)
    {
        var messages = problem["errors"]?[field];
        Assert.True(messages is not null, $"No error on '{field}': {problem.ToJsonString()}");
        return [.. messages!.AsArray().Select(m => (string)m!)];
    }

    private static JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"] is { } reference)
            schema = Document.Value["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!;
        return schema["allOf"] is JsonArray { Count: 1 } all ? Resolve(all[0]!) : schema;
    }

    /// <summary>Every operation with a JSON object body: method, path template, the body's schema.</summary>
    private static IEnumerable<(string Method, string Path, JsonNode Schema)> JsonBodies() =>
        from path in Document.Value["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        let schema = operation.Value!["requestBody"]?["content"]?["application/json"]?["schema"]
        where schema is not null && (string?)Resolve(schema)["type"] == "object"
        select (operation.Key.ToUpperInvariant(), path.Key, Resolve(schema));

    /// <summary>A path template with every route value filled by a fresh id: validation answers before the lookup would.</summary>
    private static string Url(string template) =>
        string.Join('/', template.Split('/').Select(s => s.StartsWith('{') ? Guid.NewGuid().ToString() : s));

    private Task<HttpResponseMessage> Send(string method, string url, string body) =>
        Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = TestHttp.Json(body) });

    // ---- unknown properties ----------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> UnknownPropertyCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path, schema) in JsonBodies())
            data.Add(method, path, string.Join(", ", schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        return data;
    }

    [Theory]
    [MemberData(nameof(UnknownPropertyCases))]
    public async Task AnyJsonBody_WithAPropertyItsSchemaDoesNotList_Returns400NamingItAndListingTheAcceptedOnes(string method, string path, string accepted)
    {
        var problem = await (await Send(method, Url(path), """{"unexpected":1}""")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([$"Unknown property 'unexpected'; this operation accepts: {accepted}."], Messages(problem, "unexpected"));
    }

    [Fact]
    public void UnknownPropertyCases_CoverEveryJsonBody() => Assert.True(UnknownPropertyCases().Count >= 28);

    [Theory]
    [InlineData("id", """ "00000000-0000-0000-0000-000000000001" """)]
    [InlineData("createdAt", """ "2026-01-01T00:00:00Z" """)]
    [InlineData("isActive", "false")]
    public async Task CreateUnit_WithAPropertyOfTheRepresentation_Returns400AndWritesNothing(string property, string value)
    {
        var body = $$"""{"code":"SNV","name":"Sở Nội vụ","kind":"Department","{{property}}":{{value}}}""";

        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith($"Unknown property '{property}'", Assert.Single(Messages(problem, property)));
        Assert.Equal(0L, await Factory.Count("units"));
    }

    [Fact]
    public async Task CreateApiKey_WithAClientChosenKey_Returns400AndIssuesNothing()
    {
        var before = await Factory.Count("api_keys");
        var body = """{"name":"Cổng dịch vụ công","role":"Reader","key":"emk_chosen-by-the-client-0123456789abcdef"}""";

        var problem = await (await Client.PostAsync(AccessApi.KeysUrl, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("Unknown property 'key'", Assert.Single(Messages(problem, "key")));
        Assert.Equal(before, await Factory.Count("api_keys"));
    }

    /// <summary>The id comes from the route; a body that also holds one is refused (see UpdateUnitTests for a code).</summary>
    [Fact]
    public async Task UpdateUnit_WithAnIdInTheBody_Returns400AndChangesNothing()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var body = $$"""{"name":"Tên khác","kind":"Department","id":"{{unit["id"]}}"}""";

        var problem = await (await Send("PUT", $"{UnitsApi.Url}/{unit["id"]}", body)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("Unknown property 'id'", Assert.Single(Messages(problem, "id")));
        Assert.Equal("Sở Nội vụ", (string?)(await Client.GetUnitByCode("SNV"))["name"]);
    }

    [Fact]
    public async Task AssignMembers_WithAnUnknownPropertyInAMember_Returns400OnItsPathListingTheMembersFields()
    {
        await Client.CreateUnits("X1");
        var cluster = await Client.CreateCluster(2026, "Cụm thử");

        var problem = await (await Client.PostAsync($"{ClustersApi.Url}/{cluster["id"]}/members",
            TestHttp.Json("""{"members":[{"unitCode":"X1","role":"Member","rank":1}]}"""))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["Unknown property 'rank' in 'members[0]'; it accepts: role, unitCode."], Messages(problem, "members[0].rank"));
        Assert.Empty((await Client.GetCluster((string)cluster["id"]!))["members"]!.AsArray());
    }

    // ---- duplicate and case-variant property names ------------------------------------------------------------------

    [Fact]
    public async Task CreateUnit_WithACaseVariantOfAProperty_Returns400NamingTheVariantAndWritesNothing()
    {
        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json("""{"code":"A","Code":"B","name":"Đơn vị","kind":"Other"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("Unknown property 'Code'", Assert.Single(Messages(problem, "Code")));
        Assert.Equal(0L, await Factory.Count("units"));
    }

    [Fact]
    public async Task CreateUnit_WithAPropertyGivenTwice_Returns400NamingItAndWritesNothing()
    {
        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json("""{"code":"A","name":"Đơn vị","kind":"Other","code":"B"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["The value is missing, malformed or of the wrong type, or the property is given more than once."], Messages(problem, "code"));
        Assert.Equal(0L, await Factory.Count("units"));
    }

    [Fact]
    public async Task CreatePlan_WithPascalCaseProperties_Returns400RatherThanGuessing()
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, TestHttp.Json("""{"Year":2025,"Title":"Kế hoạch"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("Unknown property 'Year'", Assert.Single(Messages(problem, "Year")));
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    [Fact]
    public async Task CreatePlan_WithANumberSentAsText_Returns400()
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, TestHttp.Json("""{"year":"2025","title":"Kế hoạch"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Single(Messages(problem, "year"));
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    // ---- null elements in lists -------------------------------------------------------------------------------------

    /// <summary>Every list in every JSON body, nested ones included: the JSON path of the list (<c>addTasks[0].leads</c>).</summary>
    private static IEnumerable<string> Lists(JsonNode schema, string prefix, int depth)
    {
        if (depth > 4) yield break;
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(property!);
            if ((string?)resolved["type"] == "array")
            {
                yield return prefix + name;
                var items = Resolve(resolved["items"]!);
                if (items["properties"] is not null)
                    foreach (var nested in Lists(items, $"{prefix}{name}[0].", depth + 1)) yield return nested;
            }
            else if (resolved["properties"] is not null)
            {
                foreach (var nested in Lists(resolved, $"{prefix}{name}.", depth + 1)) yield return nested;
            }
        }
    }

    public static TheoryData<string, string, string> NullElementCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path, schema) in JsonBodies())
            foreach (var list in Lists(schema, "", 0))
                data.Add(method, path, list);
        return data;
    }

    /// <summary>The smallest body that puts <c>[null]</c> at a list's path: <c>addTasks[0].leads</c> → <c>{"addTasks":[{"leads":[null]}]}</c>.</summary>
    private static string BodyWithNullAt(string list)
    {
        JsonNode node = new JsonArray((JsonNode?)null);
        foreach (var segment in list.Split('.').Reverse())
        {
            var (name, inList) = segment.EndsWith("[0]", StringComparison.Ordinal) ? (segment[..^3], true) : (segment, false);
            var value = inList ? new JsonArray(node) : node;
            node = new JsonObject { [name] = value };
        }
        return node.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(NullElementCases))]
    public async Task AnyList_WithANullElement_Returns400NamingTheElement(string method, string path, string list)
    {
        var problem = await (await Send(method, Url(path), BodyWithNullAt(list))).ExpectProblem(HttpStatusCode.BadRequest);

        // A list of ids (Guid) cannot even be read with a null in it; the serializer's refusal names the element too.
        string[] refusals = [$"'{list}[0]' is null; a list holds no null elements.", "The value is missing, malformed or of the wrong type, or the property is given more than once."];
        Assert.Contains(Assert.Single(Messages(problem, $"{list}[0]")), refusals);
    }

    [Fact]
    public void NullElementCases_CoverTheNestedLists()
    {
        var lists = NullElementCases().Select(c => (string)c[2]).ToList();
        Assert.Contains("members", lists);
        Assert.Contains("addTasks[0].leads", lists);
        Assert.True(lists.Count >= 25, $"{lists.Count} lists found");
    }

    [Fact]
    public async Task CreateCluster_WithANullMember_Returns400AndWritesNothing()
    {
        await Client.CreateUnits("X1");
        var body = """{"year":2026,"kind":"Cluster","scope":"Provincial","name":"Cụm thử","members":[{"unitCode":"X1","role":"Leader"},null]}""";

        var problem = await (await Client.PostAsync(ClustersApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["'members[1]' is null; a list holds no null elements."], Messages(problem, "members[1]"));
        Assert.Equal(0L, await Factory.Count("clusters"));
    }

    [Fact]
    public async Task ImportUnits_WithANullAlias_RefusesTheRowAndWritesNothing()
    {
        var body = """[{"code":"SNV","name":"Sở Nội vụ","kind":"Department","aliases":["Nội vụ",null]}]""";

        var problem = await (await Client.PostAsync($"{UnitsApi.Url}/import", TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal((1, "aliases[1]", "'aliases[1]' is null; a list holds no null elements."), ((int)error["row"]!, (string?)error["field"], (string?)error["message"]));
        Assert.Equal(0L, await Factory.Count("units"));
    }

    // ---- enum values --------------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> EnumQueryCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, operations) in Document.Value["paths"]!.AsObject())
            foreach (var parameter in operations!["get"]?["parameters"]?.AsArray() ?? [])
            {
                if ((string?)parameter!["in"] != "query") continue;
                var schema = Resolve(parameter["schema"]!);
                if ((string?)schema["type"] == "array") schema = Resolve(schema["items"]!);
                if (schema["enum"] is JsonArray names)
                    data.Add(path, (string)parameter["name"]!, string.Join(", ", names.Select(n => (string)n!)));
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnumQueryCases))]
    public async Task AnyEnumQuery_WithANumber_Returns400ListingTheNames(string path, string parameter, string names)
    {
        var problem = await (await Client.GetAsync($"{Url(path)}?{parameter}=1")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([$"'1' is not one of: {names}."], Messages(problem, parameter));
    }

    [Fact]
    public void EnumQueryCases_CoverTheIssuesExamples()
    {
        var cases = EnumQueryCases().Select(c => $"{c[0]}?{c[1]}").ToList();
        Assert.Contains("/api/v1/units?kind", cases);
        Assert.Contains("/api/v1/tasks?status", cases);
        Assert.Contains("/api/v1/tasks/summary?groupBy", cases);
        Assert.Contains("/api/v1/obligations?state", cases);
    }

    [Theory]
    [InlineData("kind=Department,Commune", "kind", "'Department,Commune'")]
    [InlineData("kind=department", "kind", "'department'")]
    [InlineData("kind=%20Department", "kind", "' Department'")]
    public async Task QueryEnum_WhenNotExactlyAName_Returns400ListingTheNames(string query, string field, string quoted)
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?{query}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith($"{quoted} is not one of: Department, ", Assert.Single(Messages(problem, field)));
    }

    [Fact]
    public async Task ObligationStates_WhenOneOfSeveralIsANumber_Returns400()
    {
        var problem = await (await Client.GetAsync("/api/v1/obligations?state=Active&state=1")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("'1' is not one of: ", Assert.Single(Messages(problem, "state")));
    }

    [Theory]
    [InlineData("department")]
    [InlineData("DEPARTMENT")]
    [InlineData("2")]
    public async Task BodyEnum_WhenNotExactlyAName_Returns400ListingTheNamesAndWritesNothing(string kind)
    {
        var body = $$"""{"code":"SNV","name":"Sở Nội vụ","kind":"{{kind}}"}""";

        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith($"'{kind}' is not one of: Department, ", Assert.Single(Messages(problem, "kind")));
        Assert.Equal(0L, await Factory.Count("units"));
    }
}

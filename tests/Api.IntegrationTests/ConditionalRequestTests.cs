using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Commendation;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Every conditional read answers 304 with no body to the ETag it sent itself, and a conditional write refuses a
/// malformed If-Match with 400 naming the header. The ETags are always the ones the server sent.
/// </summary>
public sealed class ConditionalRequestTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>Each conditional GET of the contract (operationId → how to arrange a resource and name its URL).</summary>
    private static readonly Dictionary<string, Func<HttpClient, Task<string>>> ConditionalReads = new()
    {
        ["GetUnit"] = async c => $"{UnitsApi.Url}/{(await c.CreateUnit("SNV", "Sở Nội vụ"))["id"]}",
        ["GetUnitByCode"] = async c => { await c.CreateUnit("SNV", "Sở Nội vụ"); return $"{UnitsApi.Url}/by-code/snv"; },
        ["GetPlan"] = async c => $"{PlansApi.Url}/{(await c.CreatePlan())["id"]}",
        ["GetTask"] = async c => $"{PlansApi.TasksUrl}/{(await SeededTask(c))["id"]}?asOf=2025-03-01",
        ["ListTasks"] = async c => { await SeededTask(c); return $"{PlansApi.TasksUrl}?year=2025&status=NotStarted&asOf=2025-03-01"; },
        ["GetMovement"] = async c => $"{MovementsApi.Url}/{(await c.CreateMovement("Phong trào thi đua thử"))["id"]}",
        ["ListObligations"] = async c => { await IssuedTask(c); return $"{ObligationsApi.Url}?unitCode=SNV&asOf=2026-03-01"; },
        ["GetObligation"] = async c => $"{ObligationsApi.Url}/{(await c.ObligationOf("SNV", await IssuedTask(c)))["id"]}?asOf=2026-03-01",
        ["GetObligationScorecard"] = async c => { await IssuedTask(c); return $"{ObligationsApi.Url}/summary?groupBy=Kind&asOf=2026-03-01"; },
        ["GetTaskSummary"] = async c => { await SeededTask(c); return $"{PlansApi.TasksUrl}/summary?groupBy=Quarter&year=2025&asOf=2025-03-01"; },
        ["GetRanking"] = async c =>
        {
            var cluster = await c.CreateClusterWithCovenant("X1", "X2");
            return $"{ClustersApi.Url}/{cluster.Id()}/ranking";
        },
        ["GetDossier"] = async c => { await c.CreateUnits("SNV"); return $"{DossiersApi.Url}/{(await c.CreateDossier("SNV"))["id"]}?asOf=2026-03-01"; },
        ["ListDossiers"] = async c => { await c.CreateUnits("SNV"); await c.CreateDossier("SNV"); return $"{DossiersApi.Url}?proposingUnitCode=SNV&asOf=2026-03-01"; },
        ["GetCouncilSession"] = async c => $"{CouncilApi.Url}/{(await c.CreateSession())["id"]}",
        ["ListCouncilSessions"] = async c => { await c.CreateSession(); return $"{CouncilApi.Url}?year=2026"; },
        ["ListPublicNominees"] = async c =>
        {
            await c.CreateUnits("SNV");
            var dossier = await c.DossierInCouncil("SNV");
            var session = await (await c.PostJson(CouncilApi.Url, CouncilApi.Body([(string)dossier["id"]!], heldOn: "2026-01-10"))).ExpectJson(HttpStatusCode.Created);
            await (await c.PublishSession((string)session["id"]!, "2026-01-15")).ExpectJson(HttpStatusCode.OK);
            return "/api/v1/public/nominees?unitCode=SNV";
        },
        ["GetAward"] = async c => $"{CommendationApi.AwardsUrl}/{(await c.CreateAward("A"))["code"]}",
        ["ListAwards"] = async c => { await c.CreateAward("A"); return $"{CommendationApi.AwardsUrl}?recipient=Collective"; },
        ["ListAwardRecords"] = async c => { await ArrangedRecord(c); return $"{CommendationApi.RegisterUrl}?unitCode=SNV"; },
        ["ListUnitAwardHistory"] = async c => { await ArrangedRecord(c); return "/api/v1/commendation/units/SNV/awards"; },
        ["GetAwardReport"] = async c => { await ArrangedRecord(c); return "/api/v1/commendation/reports/awards?groupBy=Unit"; },
        ["ListPublicAwards"] = async c => { await ArrangedRecord(c); return "/api/v1/public/awards?unitCode=SNV"; },
        ["GetNominationReport"] = async c => { await c.CreateUnits("SNV"); await c.Step((await c.CreateDossier("SNV"))["id"]!.ToString(), "submit"); return "/api/v1/commendation/reports/nominations?groupBy=Year"; },
        ["GetWebhookSubscription"] = async c =>
            $"{Webhooks.WebhookSubscriptionTests.Url}/{(await (await c.PostJson(Webhooks.WebhookSubscriptionTests.Url, new { url = "https://93.184.216.34/hook", eventTypes = new[] { "*" } })).ExpectJson(HttpStatusCode.Created))["subscription"]!["id"]}",
        ["GetCluster"] = async c =>
        {
            await c.CreateUnits("X1", "X2");
            return $"{ClustersApi.Url}/{(await c.CreateCluster(2026, "Cụm thử", members: [("X1", "Leader"), ("X2", "Member")]))["id"]}";
        },
    };

    public static TheoryData<string> ConditionalReadIds => [.. ConditionalReads.Keys];

    private static async Task<JsonNode> SeededTask(HttpClient client, int year = 2025)
    {
        await client.CreateUnit("SNV", "Sở Nội vụ");
        return await client.CreateTask((await client.CreatePlan(year))["id"]!);
    }

    private static async Task ArrangedRecord(HttpClient client)
    {
        await client.CreateUnit("SNV", "Sở Nội vụ");
        await client.CreateAward("A");
        await client.Record("A", 2024, "SNV");
    }

    /// <summary>A task of an issued plan of 2026 led by SNV: SNV holds an obligation on it.</summary>
    private static async Task<string> IssuedTask(HttpClient client)
    {
        var task = await SeededTask(client, 2026);
        await client.IssuePlan(task["planId"]!, "1/KH-UBND", "2026-01-05");
        return (string)task["id"]!;
    }

    [Theory]
    [MemberData(nameof(ConditionalReadIds))]
    public async Task ConditionalRead_WhenIfNoneMatchIsTheETagItSent_Returns304WithoutBody(string operationId)
    {
        await Factory.SeedAwards(); // the catalog a dossier's nominees name
        var url = await ConditionalReads[operationId](Client);
        var first = await Client.GetAsync(url);
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.ETag();

        var again = await PlansApi.Send(Client, HttpMethod.Get, url, ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.ETag());
        var other = await PlansApi.Send(Client, HttpMethod.Get, url, ifNoneMatch: "\"0\", \"0-0000000000000000\"");
        await other.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(etag, other.ETag());
    }

    [Fact]
    public async Task ConditionalReads_CoverEveryOperationTheContractMakesConditional()
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(ContractValidator.DocumentPath))!;
        var conditional = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject())
            .Where(o => o.Value!["parameters"]?.AsArray().Any(p => (string?)p!["name"] == "If-None-Match") == true)
            .Select(o => (string)o.Value!["operationId"]!)
            // A file, not JSON: its ETag (the SHA-256) and 304 are tested in DownloadAttachmentTests.
            .Where(id => id != "GetAttachmentContent")
            .Order().ToList();

        Assert.Equal(ConditionalReads.Keys.Order().ToList(), conditional);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("W/\"1\"")]
    [InlineData("\"v1\"")]
    [InlineData("\"1\", 2")]
    [InlineData("\"1\", W/\"2\"")]
    [InlineData("\"1\", *")]
    public async Task ConditionalWrite_WhenIfMatchIsMalformed_Returns400NamingTheHeaderAndChangesNothing(string ifMatch)
    {
        var movement = await Client.CreateMovement("Phong trào thi đua thử");

        var problem = await (await PlansApi.Send(Client, HttpMethod.Put, $"{MovementsApi.Url}/{movement["id"]}",
            MovementsApi.Body("Tên khác"), ifMatch)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("strong ETag", (string?)problem["errors"]!["If-Match"]![0]);
        Assert.Equal("Phong trào thi đua thử", (string?)(await Client.GetMovement((string)movement["id"]!))["name"]);
    }

    [Theory]
    [InlineData("\"0\", {0}")]
    [InlineData("{0}, \"0\"")]
    [InlineData("\"0\",{0} , \"12345\"")]
    public async Task ConditionalWrite_WhenIfMatchListsTheCurrentETagAmongOthers_Succeeds(string format)
    {
        var movement = await Client.CreateMovement("Phong trào thi đua thử");
        var etag = (await Client.GetAsync($"{MovementsApi.Url}/{movement["id"]}")).ETag();

        var response = await PlansApi.Send(Client, HttpMethod.Put, $"{MovementsApi.Url}/{movement["id"]}",
            MovementsApi.Body("Tên khác"), string.Format(System.Globalization.CultureInfo.InvariantCulture, format, etag));

        Assert.Equal("Tên khác", (string?)(await response.ExpectJson(HttpStatusCode.OK))["name"]);
    }

    [Fact]
    public async Task ConditionalWrite_WhenIfMatchListsOnlyOlderETags_Returns412NamingThemAndChangesNothing()
    {
        var plan = await Client.CreatePlan(2025, "Bản gốc");
        var first = (await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}")).ETag();
        await (await PlansApi.Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2025, title = "Bản 1" }, ifMatch: first)).ExpectJson(HttpStatusCode.OK);
        var second = (await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}")).ETag();
        await (await PlansApi.Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2025, title = "Bản 2" }, ifMatch: second)).ExpectJson(HttpStatusCode.OK);

        var stale = await PlansApi.Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2025, title = "Bản 3" }, ifMatch: $"{first}, {second}");

        var problem = await stale.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Matches(@"has changed since version \d+ or \d+; it is now at version \d+\.", (string?)problem["detail"]);
        Assert.Equal("Bản 2", (string?)(await Client.GetPlan(plan["id"]!))["title"]);
    }

    [Fact]
    public async Task ConditionalRead_WhenIfNoneMatchListsAWeakFormOfTheETag_Returns304()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var url = $"{UnitsApi.Url}/{unit["id"]}";
        var etag = (await Client.GetAsync(url)).ETag();

        var again = await PlansApi.Send(Client, HttpMethod.Get, url, ifNoneMatch: $"\"0\", W/{etag}");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task ConditionalWrite_WhenIfMatchIsTheETagOfARepresentation_ChecksItsVersion()
    {
        var plan = await Client.CreatePlan(2025, "Bản gốc");
        var read = await Client.GetAsync($"{PlansApi.Url}/{plan["id"]}");
        var etag = read.ETag();
        await PlansApi.Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2025, title = "Bản 1" }, ifMatch: etag);

        var stale = await PlansApi.Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2025, title = "Bản 2" }, ifMatch: etag);

        var problem = await stale.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Contains("has changed since version", (string?)problem["detail"]);
        Assert.Equal("Bản 1", (string?)(await Client.GetPlan(plan["id"]!))["title"]);
    }
}

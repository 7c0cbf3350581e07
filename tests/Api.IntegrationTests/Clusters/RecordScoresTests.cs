using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>Chấm điểm: points per member and criterion, within limits, correctable until the evaluation is published.</summary>
public sealed class RecordScoresTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> ScoreCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM member_scores");

    private async Task<JsonNode> SignedCluster()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }

    private static string UnitId(JsonNode cluster, string code) =>
        (string)cluster["members"]!.AsArray().Single(m => (string?)m!["unit"]!["code"] == code)!["unit"]!["id"]!;

    private static decimal? Points(JsonNode covenant, string unitId, int criterion) =>
        (decimal?)covenant["scores"]!.AsArray()
            .SingleOrDefault(s => (string?)s!["unit"]!["id"] == unitId && (string?)s["criterionId"] == ClustersApi.CriterionId(covenant, criterion))?["points"];

    [Fact]
    public async Task RecordScores_WhenSigned_StoresEveryPointAndSignsPenaltiesNegative()
    {
        var cluster = await SignedCluster();

        var response = await Client.RecordScores(cluster.Id(), [("A", 0, 75.5m), ("A", 1, 10m), ("A", 2, 2.25m), ("b", 0, 80m), ("C", 2, 0m)]);

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(5, body["scores"]!.AsArray().Count);
        Assert.Equal(["A", "A", "A", "B", "C"], body["scores"]!.AsArray().Select(s => (string?)s!["unit"]!["code"]));
        Assert.Equal("Đơn vị B", (string?)body["scores"]![3]!["unit"]!["name"]);
        Assert.Equal(75.5m, Points(body, UnitId(cluster, "A"), 0));
        Assert.Equal(2.25m, Points(body, UnitId(cluster, "A"), 2));
        Assert.Equal(80m, Points(body, UnitId(cluster, "B"), 0));
        Assert.Equal(body.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString());
        Assert.Equal(-2.25m, await Factory.ScalarAsync<decimal>($"SELECT signed_points FROM member_scores WHERE unit_id = '{UnitId(cluster, "A")}' AND criterion_id = '{ClustersApi.CriterionId(body, 2)}'"));
        Assert.Equal(83.25m, await Factory.ScalarAsync<decimal>($"SELECT sum(signed_points) FROM member_scores WHERE unit_id = '{UnitId(cluster, "A")}'"));
    }

    [Fact]
    public async Task RecordScores_WhenAScoreIsCorrectedBeforePublishing_ReplacesItThenPublishingFreezesIt()
    {
        var cluster = await SignedCluster();
        await (await Client.RecordScores(cluster.Id(), [("A", 0, 60m), ("B", 0, 50m)])).ExpectJson(HttpStatusCode.OK);

        var corrected = await (await Client.RecordScores(cluster.Id(), [("A", 0, 65m)])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(65m, Points(corrected, UnitId(cluster, "A"), 0));
        Assert.Equal(50m, Points(corrected, UnitId(cluster, "B"), 0));
        Assert.Equal(2L, await ScoreCount());

        await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        var problem = await (await Client.RecordScores(cluster.Id(), [("A", 0, 80m)])).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("published", (string?)problem["detail"]);
        Assert.Equal(65m, await Factory.ScalarAsync<decimal>($"SELECT points FROM member_scores WHERE unit_id = '{UnitId(cluster, "A")}' AND criterion_id = '{ClustersApi.CriterionId(corrected, 0)}'"));
    }

    [Theory]
    [InlineData("A", 0, "80.01", "scores[2].points")]         // above the criterion's maximum
    [InlineData("A", 2, "10.5", "scores[2].points")]          // a penalty above its maximum
    [InlineData("A", 0, "-1", "scores[2].points")]            // negative
    [InlineData("A", 0, "12.345", "scores[2].points")]        // more than two decimals
    [InlineData("A", 3, "1", "scores[2].criterionId")]        // no such criterion
    [InlineData("C", 0, "1", "scores[2].criterionId")]        // the same member and criterion twice
    [InlineData("OUTSIDER", 0, "10", "scores[2].unitCode")]   // a unit, not a member
    [InlineData("GHOST", 0, "10", "scores[2].unitCode")]      // no such unit
    public async Task RecordScores_WhenOneScoreIsBad_Returns400NamingItsFieldAndWritesNothing(string code, int criterion, string points, string field)
    {
        var cluster = await SignedCluster();
        await Client.CreateUnits("OUTSIDER");
        await (await Client.RecordScores(cluster.Id(), [("C", 0, 40m)])).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetCovenant(cluster.Id());

        var response = await Client.RecordScores(cluster.Id(), [("B", 0, 70m), ("C", 0, 45m), (code, criterion, decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture))]);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString());
        Assert.Equal(1L, await ScoreCount());
    }

    [Fact]
    public async Task RecordScores_WhenSeveralRowsAreBad_Returns400NamingEveryBadRowAndField()
    {
        var cluster = await SignedCluster();
        await Client.CreateUnits("OUTSIDER");
        var covenant = await Client.GetCovenant(cluster.Id());
        var standard = ClustersApi.CriterionId(covenant, 0);

        var problem = await (await Client.RecordScoresById(cluster.Id(), [
            ("A", standard, 70m), ("GHOST", standard, 1m), ("OUTSIDER", standard, 1m), ("B", ClustersApi.NoSuchCriterion, 1m),
            ("C", standard, 81m), ("OUTSIDER2", ClustersApi.NoSuchCriterion, 1m),
        ])).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            ["scores[1].unitCode", "scores[2].unitCode", "scores[3].criterionId", "scores[4].points", "scores[5].criterionId", "scores[5].unitCode"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("GHOST", (string?)errors["scores[1].unitCode"]![0]);
        Assert.Contains("not a member", (string?)errors["scores[2].unitCode"]![0]);
        Assert.Contains("TC1", (string?)errors["scores[4].points"]![0]);
        Assert.Equal(0L, await ScoreCount());
    }

    [Fact]
    public async Task RecordScores_WhenOneRowIsMalformedAndAnotherNamesAnUnknownUnit_Returns400NamingBothAtOnce()
    {
        var cluster = await SignedCluster();
        var standard = ClustersApi.CriterionId(await Client.GetCovenant(cluster.Id()), 0);

        var problem = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant/scores", new
        {
            scores = new object[]
            {
                new { unitCode = "A", criterionId = standard },
                new { unitCode = "GHOST", criterionId = standard, points = 1 },
                new { unitCode = "bad code!", criterionId = ClustersApi.NoSuchCriterion, points = 1 },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["scores[0].points", "scores[1].unitCode", "scores[2].criterionId", "scores[2].unitCode"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("No unit has the code 'GHOST'.", (string?)errors["scores[1].unitCode"]![0]);
        // The malformed code is refused by its form only: the registry is not asked about it.
        Assert.Single(errors["scores[2].unitCode"]!.AsArray());
        Assert.Contains("may hold only letters", (string?)errors["scores[2].unitCode"]![0], StringComparison.Ordinal);
        Assert.StartsWith($"The covenant has no criterion {ClustersApi.NoSuchCriterion}", (string?)errors["scores[2].criterionId"]![0]);
        Assert.Equal(0L, await ScoreCount());
    }

    [Theory]
    [InlineData("""{"scores":[]}""", "scores")]
    [InlineData("""{"scores":[{"criterionId":"0190e1a0-0000-7000-8000-000000000000","points":1}]}""", "scores[0].unitCode")]
    [InlineData("""{"scores":[{"unitCode":"A","points":1}]}""", "scores[0].criterionId")]
    [InlineData("""{"scores":[{"unitCode":"A","criterion":0,"points":1}]}""", "scores[0].criterion")]
    [InlineData("""{"scores":[{"unitCode":"A","criterionId":"0190e1a0-0000-7000-8000-000000000000"}]}""", "scores[0].points")]
    [InlineData("""{"scores":[{"unitCode":"A","criterionId":"0190e1a0-0000-7000-8000-000000000000","points":"many"}]}""", "scores[0].points")]
    public async Task RecordScores_WhenARowIsIncomplete_Returns400NamingTheField(string json, string field)
    {
        var cluster = await SignedCluster();

        var problem = await (await Client.PutAsync($"{ClustersApi.Url}/{cluster.Id()}/covenant/scores", TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await ScoreCount());
    }

    [Fact]
    public async Task RecordScores_WhenScoresChange_TheCovenantETagChangesAndAStaleIfMatchGets412()
    {
        var cluster = await SignedCluster();
        var signed = await Client.GetCovenant(cluster.Id());

        var response = await Client.RecordScores(cluster.Id(), [("A", 0, 60m)], signed.ETag());
        var scored = await response.ExpectJson(HttpStatusCode.OK);

        Assert.NotEqual(signed.ETag(), response.Headers.ETag?.Tag); // the representation changed, so must its ETag
        var stale = await Client.RecordScores(cluster.Id(), [("A", 0, 10m)], signed.ETag());
        await stale.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(60m, Points(await Client.GetCovenant(cluster.Id()), UnitId(cluster, "A"), 0));
        Assert.Equal(60m, Points(scored, UnitId(cluster, "A"), 0));
    }
}

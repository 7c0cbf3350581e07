using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class EligibilityTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonNode> AddRule(string award, string kind, string? requiredAwardCode = null, int? count = null) =>
        await (await Client.PostJson($"{CommendationApi.AwardsUrl}/{award}/rules",
            new { kind, requiredAwardCode, count, citation = "Điều thử", explanation = "Diễn giải thử" })).ExpectJson(HttpStatusCode.Created);

    private async Task<JsonNode> Eligibility(string award, string query) =>
        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/{award}/eligibility?{query}")).ExpectJson(HttpStatusCode.OK);

    private static JsonNode OnlyRule(JsonNode eligibility) => Assert.Single(eligibility["rules"]!.AsArray())!;

    /// <summary>Units A, B (and C), a collective title TT needing 2 consecutive years of TL, and an individual CN needing 2 of CS.</summary>
    private async Task Arrange()
    {
        await Client.CreateUnits("A", "B", "C");
        await Client.CreateAward("TL");
        await Client.CreateAward("TT");
        await Client.CreateAward("CS", recipient: "Individual");
        await Client.CreateAward("CN", recipient: "Individual");
        await AddRule("TT", "ConsecutiveYears", "TL", 2);
        await AddRule("CN", "ConsecutiveYears", "CS", 2);
    }

    [Fact]
    public async Task ConsecutiveYears_WhenTheRegisterHoldsEveryYear_IsMetWithTheLinesAsEvidence()
    {
        await Arrange();
        await Client.Record("TL", 2025, "A");
        await Client.Record("TL", 2026, "A");

        var body = await Eligibility("tt", "unitCode=a&year=2026");

        Assert.Equal("Met", (string?)body["outcome"]);
        var rule = OnlyRule(body);
        Assert.Equal("Met", (string?)rule["outcome"]);
        Assert.Equal("Điều thử", (string?)rule["citation"]);
        Assert.Equal([2025, 2026], rule["records"]!.AsArray().Select(r => (int)r!["year"]!));
        Assert.Contains("2025–2026", (string?)rule["reason"]);
    }

    [Fact]
    public async Task ConsecutiveYears_WhenAYearIsMissing_IsNotMetNamingIt()
    {
        await Arrange();
        await Client.Record("TL", 2024, "A");
        await Client.Record("TL", 2026, "A");
        await Client.Record("TL", 2025, "B");

        var body = await Eligibility("TT", "unitCode=A&year=2026");

        Assert.Equal("NotMet", (string?)body["outcome"]);
        var rule = OnlyRule(body);
        Assert.Equal([2026], rule["records"]!.AsArray().Select(r => (int)r!["year"]!));
        Assert.Contains("none for 2025", (string?)rule["reason"]);
    }

    [Fact]
    public async Task ConsecutiveYears_ForAPerson_MatchesTheNameIgnoringDiacritics_AndTwoPeopleOfThatNameCannotTell()
    {
        await Arrange();
        await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("CS", 2025, "A", "Nguyễn Văn An", 1980))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("CS", 2026, "A", "Nguyễn Văn An", 1980))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("CS", 2026, "A", "Nguyễn Văn An", 1995))).ExpectJson(HttpStatusCode.Created);

        var ambiguous = await Eligibility("CN", "unitCode=A&year=2026&personName=nguyen%20van%20an");
        var known = await Eligibility("CN", "unitCode=A&year=2026&personName=Nguy%E1%BB%85n%20V%C4%83n%20An&personBirthYear=1980");
        var younger = await Eligibility("CN", "unitCode=A&year=2026&personName=Nguyen%20Van%20An&personBirthYear=1995");

        Assert.Equal("CannotTell", (string?)ambiguous["outcome"]);
        Assert.Contains("1980, 1995", (string?)OnlyRule(ambiguous)["reason"]);
        Assert.Equal("Met", (string?)known["outcome"]);
        Assert.Equal("NotMet", (string?)younger["outcome"]);
        Assert.Equal(1995, (int)younger["personBirthYear"]!);
    }

    private async Task<JsonNode> RankedCluster(bool publish, (string Code, int Criterion, decimal Points)[] scores)
    {
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader"), ("B", "Member")]);
        await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Nhiệm vụ chính trị", 80)])).ExpectJson(HttpStatusCode.OK);
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), scores)).ExpectJson(HttpStatusCode.OK);
        if (publish) await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }

    [Fact]
    public async Task LeadsClusterRanking_WhenThePublishedRankingProposesTheUnit_IsMet_AndForAnotherUnitNotMet()
    {
        await Arrange();
        await Client.CreateAward("CO");
        await AddRule("CO", "LeadsClusterRanking");
        var cluster = await RankedCluster(publish: true, [("A", 0, 70m), ("B", 0, 60m)]);

        var leader = await Eligibility("CO", "unitCode=A&year=2026");
        var other = await Eligibility("CO", "unitCode=B&year=2026");

        Assert.Equal("Met", (string?)leader["outcome"]);
        var evidence = Assert.Single(OnlyRule(leader)["rankings"]!.AsArray())!;
        Assert.Equal(cluster.Id(), (string?)evidence["clusterId"]);
        Assert.Equal(1, (int)evidence["rank"]!);
        Assert.True((bool)evidence["final"]!);
        Assert.Equal("NotMet", (string?)other["outcome"]);
        Assert.Equal(2, (int)OnlyRule(other)["rankings"]![0]!["rank"]!);
        Assert.Equal("A", (string?)OnlyRule(other)["rankings"]![0]!["proposedUnit"]!["code"]);
    }

    [Fact]
    public async Task LeadsClusterRanking_WhenNotPublished_OrTheUnitIsInNoCluster_CannotTell()
    {
        await Arrange();
        await Client.CreateAward("CO");
        await AddRule("CO", "LeadsClusterRanking");
        await RankedCluster(publish: false, [("A", 0, 70m), ("B", 0, 60m)]);

        var unpublished = await Eligibility("CO", "unitCode=A&year=2026");
        var outside = await Eligibility("CO", "unitCode=C&year=2026");
        var otherYear = await Eligibility("CO", "unitCode=A&year=2025");

        Assert.Equal("CannotTell", (string?)unpublished["outcome"]);
        Assert.False((bool)OnlyRule(unpublished)["rankings"]![0]!["final"]!);
        Assert.Equal("CannotTell", (string?)outside["outcome"]);
        Assert.Contains("no provincial cluster", (string?)OnlyRule(outside)["reason"]);
        Assert.Equal("CannotTell", (string?)otherYear["outcome"]);
    }

    [Theory]
    [InlineData("", "CannotTell")]
    [InlineData("&declaredNotDisciplined=true", "Met")]
    [InlineData("&declaredNotDisciplined=false", "NotMet")]
    public async Task NotDisciplined_AnswersOnlyFromTheDeclaration(string declaration, string outcome)
    {
        await Arrange();
        await Client.CreateAward("KD");
        await AddRule("KD", "NotDisciplined");

        var body = await Eligibility("KD", $"unitCode=A&year=2026{declaration}");

        Assert.Equal(outcome, (string?)body["outcome"]);
        Assert.Equal(outcome, (string?)OnlyRule(body)["outcome"]);
    }

    [Fact]
    public async Task Eligibility_CombinesTheRules_NotMetOverCannotTell_AndNoRulesCannotTell()
    {
        await Arrange();
        await AddRule("TT", "NotDisciplined");
        await Client.CreateAward("EMPTY");

        var both = await Eligibility("TT", "unitCode=A&year=2026");
        var none = await Eligibility("EMPTY", "unitCode=A&year=2026");

        Assert.Equal(["NotMet", "CannotTell"], both["rules"]!.AsArray().Select(r => (string?)r!["outcome"]));
        Assert.Equal("NotMet", (string?)both["outcome"]);
        Assert.Equal("CannotTell", (string?)none["outcome"]);
        Assert.Empty(none["rules"]!.AsArray());
    }

    [Fact]
    public async Task Eligibility_WithAnUnknownAwardOrUnitOrNoYear_Returns404Or400()
    {
        await Arrange();

        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/NOPE/eligibility?unitCode=A&year=2026")).ExpectProblem(HttpStatusCode.NotFound);
        var unit = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/TT/eligibility?unitCode=XYZ&year=2026")).ExpectProblem(HttpStatusCode.BadRequest);
        var year = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/TT/eligibility?unitCode=A")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(unit["errors"]!["unitCode"]);
        Assert.NotNull(year["errors"]!["year"]);
    }

    [Theory]
    [InlineData("ConsecutiveYears", null, 2)]
    [InlineData("ConsecutiveYears", "TL", null)]
    [InlineData("NotDisciplined", "TL", null)]
    [InlineData("LeadsClusterRanking", null, 3)]
    [InlineData("ConsecutiveYears", "TT", 2)]
    public async Task CreateEligibilityRule_WhenTheParametersDoNotFitTheKind_Returns409(string kind, string? required, int? count)
    {
        await Arrange();

        await (await Client.PostJson($"{CommendationApi.AwardsUrl}/TT/rules",
            new { kind, requiredAwardCode = required, count, citation = "x", explanation = "y" })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Single((await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/TT/rules")).ExpectJson(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task CreateEligibilityRule_WithoutACitation_Returns400_AndAnUnknownRequiredAward400()
    {
        await Arrange();

        var citation = await (await Client.PostJson($"{CommendationApi.AwardsUrl}/TT/rules", new { kind = "NotDisciplined", explanation = "y" })).ExpectProblem(HttpStatusCode.BadRequest);
        var required = await (await Client.PostJson($"{CommendationApi.AwardsUrl}/TT/rules",
            new { kind = "ConsecutiveYears", requiredAwardCode = "NOPE", count = 2, citation = "x", explanation = "y" })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(citation["errors"]!["citation"]);
        Assert.NotNull(required["errors"]!["requiredAwardCode"]);
    }

    [Fact]
    public async Task UpdateEligibilityRule_WithAStaleIfMatch_Returns412_AndDeleteRemovesIt()
    {
        await Arrange();
        var rule = await AddRule("TT", "NotDisciplined");
        var url = $"/api/v1/commendation/rules/{rule.Id()}";

        var first = await Client.Send(HttpMethod.Put, url, new { kind = "ConsecutiveYears", requiredAwardCode = "TL", count = 3, citation = "a", explanation = "b" }, rule.ETag());
        var second = await Client.Send(HttpMethod.Put, url, new { kind = "NotDisciplined", citation = "c", explanation = "d" }, rule.ETag());
        var updated = await first.ExpectJson(HttpStatusCode.OK);
        await second.ExpectProblem(HttpStatusCode.PreconditionFailed);
        var deleted = await Client.Send(HttpMethod.Delete, url, ifMatch: updated.ETag());

        Assert.Equal(3, (int)updated["count"]!);
        Assert.Equal("TL", (string?)updated["requiredAward"]!["code"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single((await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/TT/rules")).ExpectJson(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task DeleteAward_WhenAnotherAwardsRuleRequiresIt_Returns409()
    {
        await Arrange();

        var problem = await (await Client.Send(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/TL")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("rule requires it", (string?)problem["detail"]);
    }

    [Fact]
    public async Task CreateEligibilityRule_ForAnEditor_Returns403_AndAReaderMayEvaluate()
    {
        await Arrange();
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor"));
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));

        await (await editor.PostJson($"{CommendationApi.AwardsUrl}/TT/rules", new { kind = "NotDisciplined", citation = "x", explanation = "y" })).ExpectProblem(HttpStatusCode.Forbidden);
        var body = await (await reader.GetAsync($"{CommendationApi.AwardsUrl}/TT/eligibility?unitCode=A&year=2026")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("NotMet", (string?)body["outcome"]);
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM eligibility_rules"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Application.Commendation;
using EmulationApi.Infrastructure.Seed;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>The catalog and the eligibility rules as the seed step loads them, served through the API.</summary>
public sealed class SeededRulesTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<LoadCatalogResult> LoadSeed(IReadOnlyList<StatutoryRule>? rules = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new LoadCatalogCommand(CommendationCatalog.Awards, rules ?? CommendationCatalog.Rules, CommendationCatalog.BaseSalaries));
    }

    private async Task<JsonArray> Rules(string award) =>
        (await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/{award}/rules")).ExpectJson(HttpStatusCode.OK)).AsArray();

    private async Task<JsonNode> Eligibility(string award, string query) =>
        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/{award}/eligibility?{query}")).ExpectJson(HttpStatusCode.OK);

    [Fact]
    public async Task LoadCatalog_ServesTheCitedEntries_AndTheFlagsClusterRuleCitingItsArticle()
    {
        await LoadSeed();

        var catalog = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}?pageSize=100")).ExpectJson(HttpStatusCode.OK);
        var national = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/CSTD-TQ")).ExpectJson(HttpStatusCode.OK);
        var rule = Assert.Single(await Rules("CTD-CP"))!;

        Assert.Equal(["CSTD-TINH", "CSTD-TQ", "CTD-CP", "CTD-UBND", "TTLDXS"], catalog["items"]!.AsArray().Select(i => (string)i!["code"]!));
        Assert.All(catalog["items"]!.AsArray(), i => Assert.Contains("Nghị định 98/2023/NĐ-CP", (string?)i!["legalBasis"]));
        Assert.Equal("Chiến sĩ thi đua toàn quốc", (string?)national["name"]);
        Assert.Equal("Individual", (string?)national["recipient"]);
        Assert.Equal("Government", (string?)national["level"]);
        Assert.Equal(4.5m, (decimal)national["rewardCoefficient"]!);
        Assert.Contains("Điều 21 Luật Thi đua, khen thưởng số 06/2022/QH15", (string?)national["legalBasis"]);
        Assert.Contains("khoản 2 Điều 78 Luật Thi đua, khen thưởng số 06/2022/QH15", (string?)national["legalBasis"]);
        Assert.True((bool)national["fromLaw"]!);
        Assert.Equal("LeadsClusterRanking", (string?)rule["kind"]);
        Assert.Equal("Khoản 1 Điều 25 Luật Thi đua, khen thưởng số 06/2022/QH15", (string?)rule["citation"]);
        Assert.Contains("dẫn đầu cụm, khối thi đua", (string?)rule["explanation"]);
        Assert.Null(rule["requiredAward"]);
        Assert.Null(rule["count"]);
        foreach (var other in new[] { "CSTD-TQ", "CSTD-TINH", "CTD-UBND", "TTLDXS" }) Assert.Empty(await Rules(other));
    }

    [Fact]
    public async Task LoadCatalog_AfterAnAdminEditedThenDeletedASeededRule_AddsItNoMore()
    {
        var first = await LoadSeed();
        var rule = Assert.Single(await Rules("CTD-CP"))!;
        var url = $"/api/v1/commendation/rules/{rule.Id()}";
        var edited = await (await Client.Send(HttpMethod.Put, url,
            new { kind = "LeadsClusterRanking", citation = (string?)rule["citation"], explanation = "Giải thích của quản trị viên" }, rule.ETag())).ExpectJson(HttpStatusCode.OK);

        var afterEdit = await LoadSeed();
        var kept = Assert.Single(await Rules("CTD-CP"))!;
        Assert.Equal(HttpStatusCode.NoContent, (await Client.Send(HttpMethod.Delete, url, ifMatch: edited.ETag())).StatusCode);
        var afterDelete = await LoadSeed();

        Assert.Equal(CommendationCatalog.Rules.Count, first.RulesCreated);
        Assert.Equal((0, CommendationCatalog.Rules.Count), (afterEdit.RulesCreated, afterEdit.RulesUnchanged));
        Assert.Equal("Giải thích của quản trị viên", (string?)kept["explanation"]);
        Assert.Equal((0, CommendationCatalog.Rules.Count), (afterDelete.RulesCreated, afterDelete.RulesUnchanged));
        Assert.Empty(await Rules("CTD-CP"));
        Assert.Equal((long)CommendationCatalog.Rules.Count, await Factory.ScalarAsync<long>("SELECT count(*) FROM seeded_rules"));
    }

    [Fact]
    public async Task LoadCatalog_OnACatalogSeededBeforeTheRules_AddsThemToTheExistingEntriesOnce()
    {
        var before = await LoadSeed(rules: []);
        var rulesBefore = await Rules("CTD-CP");

        var upgrade = await LoadSeed();
        var again = await LoadSeed();

        Assert.Equal(CommendationCatalog.Awards.Count, before.AwardsCreated);
        Assert.Empty(rulesBefore);
        Assert.Equal((0, CommendationCatalog.Rules.Count), (upgrade.AwardsCreated, upgrade.RulesCreated));
        Assert.Equal((0, CommendationCatalog.Rules.Count), (again.RulesCreated, again.RulesUnchanged));
        Assert.Single(await Rules("CTD-CP"));
    }

    private async Task RankedCluster(bool publish)
    {
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("A", "Leader"), ("B", "Member")]);
        await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Nhiệm vụ chính trị", 80)])).ExpectJson(HttpStatusCode.OK);
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [("A", 0, 70m), ("B", 0, 60m)])).ExpectJson(HttpStatusCode.OK);
        if (publish) await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GovernmentFlag_SeededRule_IsMetForTheClusterLeader_NotMetForAnotherMember_CannotTellOutsideAnyCluster()
    {
        await LoadSeed();
        await Client.CreateUnits("A", "B", "C");
        await RankedCluster(publish: true);

        var leader = await Eligibility("CTD-CP", "unitCode=A&year=2026");
        var member = await Eligibility("CTD-CP", "unitCode=B&year=2026");
        var outside = await Eligibility("CTD-CP", "unitCode=C&year=2026");

        Assert.Equal("Met", (string?)leader["outcome"]);
        var rule = Assert.Single(leader["rules"]!.AsArray())!;
        Assert.Equal("Khoản 1 Điều 25 Luật Thi đua, khen thưởng số 06/2022/QH15", (string?)rule["citation"]);
        Assert.Equal(1, (int)rule["rankings"]![0]!["rank"]!);
        Assert.Equal("NotMet", (string?)member["outcome"]);
        Assert.Equal("A", (string?)Assert.Single(member["rules"]!.AsArray())!["rankings"]![0]!["proposedUnit"]!["code"]);
        Assert.Equal("CannotTell", (string?)outside["outcome"]);
    }

    [Fact]
    public async Task GovernmentFlag_SeededRule_BeforeTheRankingIsPublished_CannotTell()
    {
        await LoadSeed();
        await Client.CreateUnits("A", "B");
        await RankedCluster(publish: false);

        var leader = await Eligibility("CTD-CP", "unitCode=A&year=2026");

        Assert.Equal("CannotTell", (string?)leader["outcome"]);
        Assert.False((bool)Assert.Single(leader["rules"]!.AsArray())!["rankings"]![0]!["final"]!);
    }
}

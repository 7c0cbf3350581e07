using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>Xếp hạng and suy tôn: totals and ranks from PostgreSQL, ties explained, the single first proposed for the flag.</summary>
public sealed class RankingTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonNode> Scored(string[] codes, (string Code, int Criterion, decimal Points)[] scores)
    {
        var cluster = await Client.CreateClusterWithCovenant(codes);
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), scores)).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }

    private static JsonNode Row(JsonNode ranking, string code) => ranking["rows"]!.AsArray().Single(r => (string?)r!["unit"]!["code"] == code)!;

    [Fact]
    public async Task GetRanking_WhenTotalsTie_BreaksByStandardThenPenaltySharesWhatStaysTiedAndExplainsIt()
    {
        var cluster = await Scored(["A", "B", "C", "D", "E"], [
            ("A", 0, 70m), ("A", 1, 5m), ("A", 2, 0m),   // 75 = 70 + 5
            ("B", 0, 72m), ("B", 1, 5m), ("B", 2, 2m),   // 75 = 72 + 5 − 2: more standard points, placed before A
            ("C", 0, 60m), ("C", 1, 0m), ("C", 2, 0m),   // 60 each: tied on every count, rank shared
            ("D", 0, 60m), ("D", 1, 0m), ("D", 2, 0m),
        ]);                                              // E: not scored

        var ranking = await Client.GetRanking(cluster.Id());

        Assert.Equal(cluster.Id(), (string?)ranking["clusterId"]);
        Assert.Equal(2026, (int)ranking["year"]!);
        Assert.Equal("Signed", (string?)ranking["covenantStatus"]);
        Assert.False((bool)ranking["final"]!);
        Assert.Equal(["B", "A", "C", "D", "E"], ranking["rows"]!.AsArray().Select(r => (string?)r!["unit"]!["code"]));
        Assert.Equal([1, 2, 3, 3, 5], ranking["rows"]!.AsArray().Select(r => (int)r!["rank"]!));

        var b = Row(ranking, "B");
        Assert.Equal(75m, (decimal)b["total"]!);
        Assert.Equal(72m, (decimal)b["standard"]!);
        Assert.Equal(5m, (decimal)b["bonus"]!);
        Assert.Equal(2m, (decimal)b["penalty"]!);
        Assert.Equal(3, (int)b["scoredCriteria"]!);
        Assert.False((bool)b["missingScores"]!);
        Assert.Empty(b["missingCriteria"]!.AsArray());
        Assert.Equal(["A"], b["tiedWith"]!.AsArray().Select(t => (string?)t));
        Assert.Contains("standard points", (string?)b["explanation"]);
        Assert.Contains("standard points", (string?)Row(ranking, "A")["explanation"]);
        Assert.Equal(["D"], Row(ranking, "C")["tiedWith"]!.AsArray().Select(t => (string?)t));
        Assert.Contains("shared", (string?)Row(ranking, "C")["explanation"]);
        Assert.Contains("shared", (string?)Row(ranking, "D")["explanation"]);
        var e = Row(ranking, "E");
        Assert.Equal(0m, (decimal)e["total"]!);
        Assert.Equal(0, (int)e["scoredCriteria"]!);
        Assert.Null(e["explanation"]);
        Assert.True((bool)e["missingScores"]!);
        Assert.Equal(["TC1", "TC2", "TC3"], e["missingCriteria"]!.AsArray().Select(c => (string?)c!["code"]));

        // E has no scores yet, so no unit is proposed for the flag until it has.
        var flag = ranking["flagProposal"]!;
        Assert.True((bool)flag["withheld"]!);
        Assert.Null(flag["unit"]);
        Assert.Contains("E (TC1, TC2, TC3)", (string?)flag["explanation"]);
    }

    [Fact]
    public async Task GetRanking_WhenAMemberLacksSomeScoresOrDidNotSign_FlagsItAndWithholdsTheProposalUntilScored()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id(), signatoryUnitCodes: ["A", "B"])).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [("A", 0, 70m), ("A", 1, 5m), ("A", 2, 0m), ("B", 0, 60m), ("C", 0, 50m), ("C", 1, 0m), ("C", 2, 0m)]))
            .ExpectJson(HttpStatusCode.OK);
        var covenant = await Client.GetCovenant(cluster.Id());

        var ranking = await Client.GetRanking(cluster.Id());

        var b = Row(ranking, "B");
        Assert.True((bool)b["missingScores"]!);
        Assert.Equal([ClustersApi.CriterionId(covenant, 1), ClustersApi.CriterionId(covenant, 2)], b["missingCriteria"]!.AsArray().Select(c => (string?)c!["id"]));
        Assert.Equal(["TC2", "TC3"], b["missingCriteria"]!.AsArray().Select(c => (string?)c!["code"]));
        Assert.True((bool)b["signed"]!);
        Assert.False((bool)Row(ranking, "C")["signed"]!);
        Assert.False((bool)Row(ranking, "A")["missingScores"]!);
        var flag = ranking["flagProposal"]!;
        Assert.True((bool)flag["withheld"]!);
        Assert.Null(flag["unit"]);
        Assert.Contains("B (TC2, TC3)", (string?)flag["explanation"]);

        await (await Client.RecordScores(cluster.Id(), [("B", 1, 0m), ("B", 2, 0m)])).ExpectJson(HttpStatusCode.OK);
        var complete = (await Client.GetRanking(cluster.Id()))["flagProposal"]!;
        Assert.False((bool)complete["withheld"]!);
        Assert.Equal("A", (string?)complete["unit"]!["code"]);
    }

    [Fact]
    public async Task GetRanking_WhenTiedAtTheTopAfterEveryTieBreak_SharesFirstPlaceAndProposesNoOne()
    {
        var cluster = await Scored(["A", "B", "C"], [
            ("A", 0, 70m), ("A", 1, 0m), ("A", 2, 1m), ("B", 0, 70m), ("B", 1, 0m), ("B", 2, 1m), ("C", 0, 50m), ("C", 1, 0m), ("C", 2, 0m),
        ]);

        var ranking = await Client.GetRanking(cluster.Id());

        Assert.Equal([1, 1, 3], ranking["rows"]!.AsArray().Select(r => (int)r!["rank"]!));
        Assert.Equal(["A", "B"], ranking["rows"]!.AsArray().Take(2).Select(r => (string?)r!["unit"]!["code"]));
        Assert.All(ranking["rows"]!.AsArray().Take(2), r => Assert.Contains("shared", (string?)r!["explanation"]));
        Assert.Equal(69m, (decimal)Row(ranking, "A")["total"]!);
        Assert.Null(Row(ranking, "C")["explanation"]);
        var flag = ranking["flagProposal"]!;
        Assert.Null(flag["unit"]);
        Assert.Contains("A", (string?)flag["explanation"]);
        Assert.Contains("B", (string?)flag["explanation"]);
    }

    [Fact]
    public async Task GetRanking_WhenASingleLeaderWithoutTies_ProposesItAndAfterPublishingIsFinal()
    {
        var cluster = await Scored(["A", "B"], [("A", 0, 60m), ("A", 1, 0m), ("A", 2, 0m), ("B", 0, 70m), ("B", 1, 0m), ("B", 2, 5m)]);
        await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);

        var ranking = await Client.GetRanking(cluster.Id());

        Assert.True((bool)ranking["final"]!);
        Assert.Equal("Evaluated", (string?)ranking["covenantStatus"]);
        Assert.Equal(["B", "A"], ranking["rows"]!.AsArray().Select(r => (string?)r!["unit"]!["code"]));
        Assert.Equal(65m, (decimal)Row(ranking, "B")["total"]!);
        Assert.All(ranking["rows"]!.AsArray(), r => Assert.Empty(r!["tiedWith"]!.AsArray()));
        Assert.All(ranking["rows"]!.AsArray(), r => Assert.Null(r!["explanation"]));
        Assert.Equal("B", (string?)ranking["flagProposal"]!["unit"]!["code"]);
        Assert.False((bool)ranking["flagProposal"]!["withheld"]!);
        Assert.All(ranking["rows"]!.AsArray(), r => Assert.True((bool)r!["signed"]!));
    }

    [Fact]
    public async Task GetRanking_WhenAMemberIsProposed_RowsAndTheProposalNameTheUnitByIdCodeNameAndKind()
    {
        var cluster = await Scored(["A", "B"], [("A", 0, 60m), ("A", 1, 0m), ("A", 2, 0m), ("B", 0, 70m), ("B", 1, 0m), ("B", 2, 0m)]);
        var unitIds = (await Client.GetCluster(cluster.Id()))["members"]!.AsArray().ToDictionary(m => (string)m!["unit"]!["code"]!, m => (string?)m!["unit"]!["id"]);

        var ranking = await Client.GetRanking(cluster.Id());

        foreach (var row in ranking["rows"]!.AsArray())
        {
            Assert.DoesNotContain(row!.AsObject(), p => p.Key is "unitId" or "unitCode" or "unitName");
            var unit = row["unit"]!;
            Assert.Equal(unitIds[(string)unit["code"]!], (string?)unit["id"]);
            Assert.Equal($"Đơn vị {(string?)unit["code"]}", (string?)unit["name"]);
            Assert.Equal("Commune", (string?)unit["kind"]);
        }
        var proposed = ranking["flagProposal"]!;
        Assert.Equal(["unit", "explanation", "withheld"], proposed.AsObject().Select(p => p.Key));
        Assert.Equal(unitIds["B"], (string?)proposed["unit"]!["id"]);
        Assert.Equal("B", (string?)proposed["unit"]!["code"]);
        Assert.Equal("Đơn vị B", (string?)proposed["unit"]!["name"]);
        Assert.Equal("Commune", (string?)proposed["unit"]!["kind"]);
    }
}

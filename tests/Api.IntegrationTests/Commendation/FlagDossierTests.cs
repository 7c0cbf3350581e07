using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>A cluster's emulation-flag proposal (Cờ thi đua) becomes a dossier in one call.</summary>
public sealed class FlagDossierTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2027, 1, 10);

    private static string Url(string clusterId) => $"/api/v1/clusters/{clusterId}/flag-proposal/dossier";

    private static object Body(string awardCode = DossiersApi.Flag, string? proposingUnitCode = null) =>
        new { awardCode, type = "Regular", proposingUnitCode, achievements = "Dẫn đầu Cụm thi đua số 1 năm 2026." };

    /// <summary>A 2026 cluster of XA-A (leader), XA-B, XA-C, signed and scored: B first unless <paramref name="tie"/> puts A level with it; published unless told not to.</summary>
    private async Task<JsonNode> Cluster(bool publish = true, bool tie = false)
    {
        await Factory.SeedAwards();
        var cluster = await Client.CreateClusterWithCovenant("XA-A", "XA-B", "XA-C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [
            ("XA-A", 0, tie ? 80 : 70), ("XA-A", 1, 5), ("XA-A", 2, 0),
            ("XA-B", 0, 80), ("XA-B", 1, 5), ("XA-B", 2, 0),
            ("XA-C", 0, 50), ("XA-C", 1, 0), ("XA-C", 2, 1),
        ])).ExpectJson(HttpStatusCode.OK);
        if (publish) await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }

    [Fact]
    public async Task CreateFlagDossier_WhenTheRankingProposesAUnit_DraftsTheDossier_ProposedByTheLeader()
    {
        var cluster = await Cluster();

        var response = await Client.PostJson(Url(cluster.Id()), Body());
        var dossier = await response.ExpectJson(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/dossiers/{dossier.Id()}", response.Headers.Location?.ToString());
        Assert.Equal("Draft", (string?)dossier["status"]);
        Assert.Equal("XA-A", (string?)dossier["proposingUnit"]!["code"]);
        Assert.Equal(2026, (int)dossier["year"]!);
        Assert.Equal(cluster.Id(), (string?)dossier["clusterId"]);
        Assert.Equal("Regular", (string?)dossier["type"]);
        var nominee = dossier["nominees"]!.AsArray().Single()!;
        Assert.Equal("Unit", (string?)nominee["kind"]);
        Assert.Equal("XA-B", (string?)nominee["unit"]!["code"]);
        Assert.Equal(DossiersApi.Flag, (string?)nominee["award"]!["code"]);
        Assert.Equal("Dẫn đầu Cụm thi đua số 1 năm 2026.", (string?)nominee["achievements"]);
    }

    [Fact]
    public async Task CreateFlagDossier_WhenTheEditorNamesTheProposingUnit_UsesIt()
    {
        var cluster = await Cluster();
        await Client.CreateUnits("SO-NV");

        var dossier = await (await Client.PostJson(Url(cluster.Id()), Body(proposingUnitCode: "SO-NV"))).ExpectJson(HttpStatusCode.Created);

        Assert.Equal("SO-NV", (string?)dossier["proposingUnit"]!["code"]);
    }

    [Fact]
    public async Task CreateFlagDossier_WhenAlreadyMade_Returns409()
    {
        var cluster = await Cluster();
        var first = await (await Client.PostJson(Url(cluster.Id()), Body())).ExpectJson(HttpStatusCode.Created);

        var problem = await (await Client.PostJson(Url(cluster.Id()), Body())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(first.Id(), (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task CreateFlagDossier_WhenNotPublished_Returns409()
    {
        var cluster = await Cluster(publish: false);

        var problem = await (await Client.PostJson(Url(cluster.Id()), Body())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("not published", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task CreateFlagDossier_WhenTheTopIsTied_Returns409WithTheRankingsReason()
    {
        var cluster = await Cluster(tie: true);

        var problem = await (await Client.PostJson(Url(cluster.Id()), Body())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("No unit is proposed", (string?)problem["detail"]);
        Assert.Contains("tied at the top", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task CreateFlagDossier_WhenAnIndividualOrUnknownAward_Returns400_AndUnknownCluster_404()
    {
        var cluster = await Cluster();

        var person = await (await Client.PostJson(Url(cluster.Id()), Body(DossiersApi.PersonAward))).ExpectProblem(HttpStatusCode.BadRequest);
        var unknown = await (await Client.PostJson(Url(cluster.Id()), Body("NOPE"))).ExpectProblem(HttpStatusCode.BadRequest);
        var missing = await (await Client.PostJson(Url("0190e1a0-0000-7000-8000-000000000000"), Body())).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains("individuals", (string?)person["errors"]!["awardCode"]![0]);
        Assert.Contains("NOPE", (string?)unknown["errors"]!["awardCode"]![0]);
        Assert.NotNull(missing["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>
/// An adversarial pass over the flag proposal as a dossier (issue 16): a cluster's ranking becomes one dossier, also
/// when two editors press the button at once.
/// </summary>
public sealed class FlagDossierAdversarialTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2027, 1, 10);

    private static string Url(string clusterId) => $"/api/v1/clusters/{clusterId}/flag-proposal/dossier";

    private static object Body() => new { awardCode = DossiersApi.Flag, type = "Regular", achievements = "Dẫn đầu Cụm thi đua số 1 năm 2026." };

    private async Task<JsonNode> PublishedCluster()
    {
        await Factory.SeedAwards();
        var cluster = await Client.CreateClusterWithCovenant("XA-A", "XA-B", "XA-C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [
            ("XA-A", 0, 70), ("XA-A", 1, 5), ("XA-A", 2, 0),
            ("XA-B", 0, 80), ("XA-B", 1, 5), ("XA-B", 2, 0),
            ("XA-C", 0, 50), ("XA-C", 1, 0), ("XA-C", 2, 1),
        ])).ExpectJson(HttpStatusCode.OK);
        await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }

    /// <summary>Both requests read "no dossier from this ranking yet" before either writes: one dossier is drafted,
    /// the other request is refused with 409 — never two flag dossiers for one ranking.</summary>
    [Fact]
    public async Task TwoFlagDossiers_RequestedAtOnce_DraftOne_AndRefuseTheOther409()
    {
        var cluster = await PublishedCluster();

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.PostJson(Url(cluster.Id()), Body());
            second = Client.PostJson(Url(cluster.Id()), Body());
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var problem = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(409, (int?)problem["status"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM dossiers WHERE cluster_id = '{cluster.Id()}'"));
    }

    /// <summary>A dossier drafted by hand that names a cluster whose ranking already has its dossier is the same
    /// duplicate: 409 with the reason, nothing written.</summary>
    [Fact]
    public async Task ADossierDraftedByHand_NamingAClusterWhoseRankingHasItsDossier_Returns409()
    {
        var cluster = await PublishedCluster();
        await (await Client.PostJson(Url(cluster.Id()), Body())).ExpectJson(HttpStatusCode.Created);

        var problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("XA-A", [DossiersApi.UnitNominee("XA-B", DossiersApi.Flag)], clusterId: cluster.Id())))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("A dossier from this cluster's ranking already exists", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>
/// An adversarial pass over the commendation reports (issue 16): a dossier returned, rewritten and resubmitted in the
/// next year is one nomination, counted in the quarter it was first submitted, with the nominees it has now; the ETag
/// follows the answer; filters out of range are 400s.
/// </summary>
public sealed class CommendationReportAdversarialTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/commendation/reports/nominations";

    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private static string[] Rows(JsonNode report) =>
        [.. report["rows"]!.AsArray().Select(r => $"{r!["key"]} n={r["nominees"]} ok={r["approved"]}")];

    [Fact]
    public async Task AReturnedDossier_RewrittenAndResubmittedNextYear_IsCountedOnce_InItsFirstQuarter_WithItsNomineesNow()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var dossier = await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Lê Văn Bình"));
        foreach (var (action, date) in new[] { ("submit", "2026-12-01"), ("receive", "2026-12-02"), ("start-appraisal", "2026-12-03") })
            await (await Client.Step(dossier.Id(), action, new { date })).ExpectJson(HttpStatusCode.OK);
        var returned = await (await Client.Step(dossier.Id(), "return", new { date = "2026-12-04", reason = "Thiếu biên bản.", resubmitBy = "2027-01-31" })).ExpectJson(HttpStatusCode.OK);

        var whileReturned = await Client.GetAsync($"{Url}?groupBy=Quarter");
        var returnedReport = await whileReturned.ExpectJson(HttpStatusCode.OK);
        Factory.PinToday(new DateOnly(2027, 1, 10));
        await (await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}", DossiersApi.Body("SO-A",
            [DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Lê Văn Bình"), DossiersApi.Person("SO-A", name: "Phạm Thị Dung", category: "Farmer")]),
            returned.ETag())).ExpectJson(HttpStatusCode.OK);
        await (await Client.Step(dossier.Id(), "submit")).ExpectJson(HttpStatusCode.OK);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Url}?groupBy=Quarter");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", whileReturned.Headers.ETag!.Tag);
        var afterResponse = await Client.SendAsync(conditional);
        var after = await afterResponse.ExpectJson(HttpStatusCode.OK);
        var byYear = await (await Client.GetAsync($"{Url}?groupBy=Year")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["2026-Q4 n=2 ok=0"], Rows(returnedReport));
        Assert.Equal(["2026-Q4 n=3 ok=0"], Rows(after));
        Assert.Equal(3, (int?)after["total"]!["nominees"]);
        Assert.Equal(1, (int?)after["total"]!["farmers"]);
        Assert.Equal(["2026 n=3 ok=0"], Rows(byYear));
        Assert.NotEqual(whileReturned.Headers.ETag!.Tag, afterResponse.Headers.ETag!.Tag);
        Assert.Equal("2026-12-01", (string?)(await Client.GetDossier(dossier.Id()))["steps"]![0]!["date"]);
    }

    [Theory]
    [InlineData("?groupBy=Nothing", "groupBy")]
    [InlineData("?groupBy=Award&year=0", "year")]
    [InlineData("?groupBy=Award&year=9999", "year")]
    [InlineData("?groupBy=Award&type=Bogus", "type")]
    public async Task GetNominationReport_WithAFilterOutOfRange_Returns400NamingIt(string query, string field)
    {
        var problem = await (await Client.GetAsync(Url + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetAwardReport_AfterTwoDecisionsRace_CountsTheWinnersLinesOnly()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.UnitNominee("XA-B")), "InCouncilReview");

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier));
            second = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier));
            await gate.WaitForWaitingWritersAsync(2);
        }
        var statuses = (await Task.WhenAll(first, second)).Select(r => r.StatusCode).Order().ToArray();
        var report = await (await Client.GetAsync("/api/v1/commendation/reports/awards?groupBy=Award")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        Assert.Equal(2, (int?)report["total"]!["awards"]);
        Assert.Equal(1, (int?)report["total"]!["individuals"]);
        Assert.Equal(1, (int?)report["total"]!["collectives"]);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Filters, paging, ETag/304, and the overdue list against the appraisal's processing limit (20 days by default).</summary>
public sealed class ListDossiersTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task<JsonNode> List(string query = "") => await (await Client.GetAsync($"{DossiersApi.Url}{query}")).ExpectJson(HttpStatusCode.OK);

    private static string[] Ids(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!)];

    [Fact]
    public async Task ListDossiers_Filters_ByStatusUnitYearAwardAndType()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
        var a = await Client.CreateDossier("SO-A");
        var b = await Client.Reach(await Client.CreateDossier("XA-B", DossiersApi.UnitNominee("XA-B")), "Submitted");
        var c = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A", DossiersApi.StateAward)], year: 2025, type: "Dedication")))
            .ExpectJson(HttpStatusCode.Created);

        Assert.Equal([a.Id(), b.Id(), c.Id()], Ids(await List()).Order());
        Assert.Equal([b.Id()], Ids(await List("?status=Submitted")));
        Assert.Equal([a.Id(), c.Id()], Ids(await List("?proposingUnitCode=so-a")).Order());
        Assert.Equal([c.Id()], Ids(await List("?year=2025")));
        Assert.Equal([c.Id()], Ids(await List("?type=Dedication")));
        Assert.Equal([b.Id()], Ids(await List($"?awardCode={DossiersApi.CollectiveAward}")));
        Assert.Equal([a.Id()], Ids(await List($"?awardCode={DossiersApi.PersonAward}&year=2026")));
        var page = await List("?pageSize=2");
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal("/api/v1/dossiers?pageSize=2&page=2", (string?)page["nextPage"]);
        var problem = await (await Client.GetAsync($"{DossiersApi.Url}?awardCode=NOPE")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["awardCode"], problem["errors"]!.AsObject().Select(e => e.Key));
        problem = await (await Client.GetAsync($"{DossiersApi.Url}?proposingUnitCode=XA-ZZ")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("No unit has the code 'XA-ZZ'.", (string?)problem["errors"]!["proposingUnitCode"]![0]);
    }

    [Fact]
    public async Task ListDossiers_Overdue_CountsFromTheReceipt_AtTheBoundaries()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var received = await Client.CreateDossier("SO-A");
        await (await Client.Step(received.Id(), "submit", new { date = "2026-11-01" })).ExpectJson(HttpStatusCode.OK);
        received = await (await Client.Step(received.Id(), "receive", new { date = "2026-11-02" })).ExpectJson(HttpStatusCode.OK);
        var appraising = await Client.CreateDossier("SO-A");
        await (await Client.Step(appraising.Id(), "submit", new { date = "2026-11-01" })).ExpectJson(HttpStatusCode.OK);
        await (await Client.Step(appraising.Id(), "receive", new { date = "2026-11-10" })).ExpectJson(HttpStatusCode.OK);
        appraising = await (await Client.Step(appraising.Id(), "start-appraisal", new { date = "2026-11-11" })).ExpectJson(HttpStatusCode.OK);
        var appraised = await Client.Reach(await Client.CreateDossier("SO-A"), "Appraised");
        var draft = await Client.CreateDossier("SO-A");

        Assert.Equal("2026-11-22", (string?)received["appraisalDueOn"]);
        Assert.Empty(Ids(await List("?overdue=true&asOf=2026-11-22")));
        Assert.Equal([received.Id()], Ids(await List("?overdue=true&asOf=2026-11-23")));
        Assert.Equal([received.Id()], Ids(await List("?overdue=true&asOf=2026-11-30")));
        Assert.Equal([received.Id(), appraising.Id()], Ids(await List("?overdue=true&asOf=2026-12-01")).Order());
        Assert.Equal([appraised.Id(), draft.Id()], Ids(await List("?overdue=false&asOf=2026-12-01")).Order());
        var today = await List("?overdue=true");
        Assert.All(today["items"]!.AsArray(), i => Assert.True((bool)i!["overdue"]!));
        Assert.False((bool)(await (await Client.GetAsync($"{DossiersApi.Url}/{received.Id()}?asOf=2026-11-22")).ExpectJson(HttpStatusCode.OK))["overdue"]!);
        Assert.True((bool)(await (await Client.GetAsync($"{DossiersApi.Url}/{received.Id()}?asOf=2026-11-23")).ExpectJson(HttpStatusCode.OK))["overdue"]!);
    }

    [Fact]
    public async Task ListDossiers_AnswersETag_304WhileUnchanged_And200AfterAChange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var dossier = await Client.CreateDossier("SO-A");
        var first = await Client.GetAsync(DossiersApi.Url);
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;

        var again = new HttpRequestMessage(HttpMethod.Get, DossiersApi.Url);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await (await Client.Step(dossier.Id(), "submit")).ExpectJson(HttpStatusCode.OK);
        var changed = new HttpRequestMessage(HttpMethod.Get, DossiersApi.Url);
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var after = await Client.SendAsync(changed);
        var body = await after.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Submitted", (string?)body["items"]![0]!["status"]);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);

        var single = await Client.GetAsync($"{DossiersApi.Url}/{dossier.Id()}");
        await single.ExpectJson(HttpStatusCode.OK);
        var cached = new HttpRequestMessage(HttpMethod.Get, $"{DossiersApi.Url}/{dossier.Id()}");
        cached.Headers.TryAddWithoutValidation("If-None-Match", single.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(cached)).StatusCode);
    }
}

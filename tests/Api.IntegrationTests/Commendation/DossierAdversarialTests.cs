using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>
/// An adversarial pass over nomination dossiers (issue 16): the ends of every range, nulls and duplicates inside
/// lists, text PostgreSQL or a header cannot carry, and two writers on one dossier at once. Each answer is checked for
/// its status and its body; a 500 anywhere is a defect.
/// </summary>
public sealed class DossierAdversarialTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
    }

    private static string[] Keys(JsonNode problem) => [.. problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

    private static object[] People(int count) =>
        [.. Enumerable.Range(1, count).Select(i => DossiersApi.Person("SO-A", name: $"Người thứ {i}"))];

    [Fact]
    public async Task Create_With500Nominees_Returns201InOrder_And501_Returns400OnTheList()
    {
        await Arrange();

        var full = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", People(500)))).ExpectJson(HttpStatusCode.Created);
        var over = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", People(501)))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(500, full["nominees"]!.AsArray().Count);
        Assert.Equal("Người thứ 500", (string?)full["nominees"]![499]!["name"]);
        Assert.Equal(["nominees"], Keys(over));
        Assert.Contains("1 to 500", (string?)over["errors"]!["nominees"]![0]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task A500NomineeDossier_IsSubmittedAndDecided_WritingOneRegisterLineEach()
    {
        await Arrange();
        var dossier = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", People(500)))).ExpectJson(HttpStatusCode.Created);

        var decided = await Client.Reach(dossier, "Decided");

        Assert.Equal(500, decided["steps"]![0]!["eligibility"]!.AsArray().Count);
        Assert.All(decided["nominees"]!.AsArray(), n => Assert.Equal("Approved", (string?)n!["outcome"]));
        Assert.Equal(500L, await Factory.ScalarAsync<long>("SELECT count(*) FROM award_records WHERE source = 'Decision'"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9999)]
    [InlineData(int.MaxValue)]
    public async Task Create_WithAYearOutsideTheRange_Returns400OnYear(int year)
    {
        await Arrange();

        var problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A")], year: year))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["year"], Keys(problem));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task Create_WithAchievementsAtTheLimit_Returns201_AndOneOver_Returns400OnTheNominee()
    {
        await Arrange();
        object Nominee(int length) => new
        {
            kind = "Individual", unitCode = "SO-A", name = "Nguyễn Văn An", category = "Farmer", awardCode = DossiersApi.PersonAward,
            achievements = new string('ệ', length),
        };

        var atLimit = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [Nominee(20_000)]))).ExpectJson(HttpStatusCode.Created);
        var over = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [Nominee(4_000), Nominee(20_001)]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(20_000, ((string?)atLimit["nominees"]![0]!["achievements"])!.Length);
        Assert.Equal(["nominees[1].achievements"], Keys(over));
    }

    [Fact]
    public async Task Create_WithNamesOfCombiningMarksAndEmoji_KeepsThemComposed_AndANul_Returns400()
    {
        await Arrange();
        var decomposed = "Nguyễn Thị Ánh 👩🏽‍🌾".Normalize(NormalizationForm.FormD);

        var created = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A",
            [DossiersApi.Person("SO-A", name: decomposed), DossiersApi.SmallCollective("SO-A", name: "Tổ 🌾 số 1")]))).ExpectJson(HttpStatusCode.Created);
        var nul = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A", name: "Nguyễn\0An")]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal("Nguyễn Thị Ánh 👩🏽‍🌾".Normalize(NormalizationForm.FormC), (string?)created["nominees"]![0]!["name"]);
        Assert.Equal("Tổ 🌾 số 1", (string?)created["nominees"]![1]!["name"]);
        Assert.Equal(["nominees[0].name"], Keys(nul));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Theory]
    [InlineData("""{"proposingUnitCode":"SO-A","year":2026,"type":"Regular","nominees":[null]}""", "nominees[0]")]
    [InlineData("""{"proposingUnitCode":"SO-A","year":2026,"type":"Regular","nominees":null}""", "nominees")]
    [InlineData("""{"proposingUnitCode":"SO-A","year":2026,"type":"Regular","nominees":[]}""", "nominees")]
    public async Task Create_WithANullOrEmptyNomineeList_Returns400NamingIt(string body, string field)
    {
        await Arrange();

        var problem = await (await Client.PostAsync(DossiersApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, Keys(problem));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task Decide_WithANullOutcome_ADuplicate_OrAStrangeNominee_Returns400_AndWritesNothing()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Lê Văn Bình")), "InCouncilReview");
        var ids = dossier["nominees"]!.AsArray().Select(n => (string)n!["id"]!).ToArray();
        var url = $"{DossiersApi.Url}/{dossier.Id()}/decide";

        var withNull = await (await Client.PostAsync(url, TestHttp.Json($$"""{"documentReference":"QĐ 1","outcomes":[null,{"nomineeId":"{{ids[0]}}","outcome":"Approved"}]}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);
        var twice = await (await Client.Step(dossier.Id(), "decide", new
        {
            documentReference = "QĐ 1",
            outcomes = new object[] { new { nomineeId = ids[0], outcome = "Approved" }, new { nomineeId = ids[0], outcome = "Approved" }, new { nomineeId = ids[1], outcome = "Approved" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);
        var strange = await (await Client.Step(dossier.Id(), "decide", new
        {
            documentReference = "QĐ 1",
            outcomes = new object[] { new { nomineeId = ids[0], outcome = "Approved" }, new { nomineeId = Guid.NewGuid(), outcome = "Approved" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["outcomes[0]"], Keys(withNull));
        Assert.Equal(["outcomes[1].nomineeId"], Keys(twice));
        Assert.Equal(["outcomes", "outcomes[1].nomineeId"], Keys(strange));
        Assert.Equal("InCouncilReview", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM award_records"));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Step_DatedAtTheEndsOfTime_Returns400OnDate_AndNothingChanges(string date)
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");

        var problem = await (await Client.Step(dossier.Id(), "submit", new { date })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["date"], Keys(problem));
        Assert.Equal("Draft", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task Return_WithAResubmitDayFarInTheFuture_Returns400OnIt()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "UnderAppraisal");

        var problem = await (await Client.Step(dossier.Id(), "return", DossiersApi.ReturnBody(resubmitBy: "9999-12-31"))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["resubmitBy"], Keys(problem));
        Assert.Equal("UnderAppraisal", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    /// <summary>Two editors decide the same dossier at once with the same If-Match: one decision is recorded and writes
    /// the register once; the other is 412 and writes nothing.</summary>
    [Fact]
    public async Task TwoDecisions_AtOnceWithTheSameIfMatch_OneWins_TheOther412_AndTheRegisterIsWrittenOnce()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.UnitNominee("XA-B")), "InCouncilReview");

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier), dossier.ETag());
            second = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier), dossier.ETag());
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var problem = await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(412, (int?)problem["status"]);
        var now = await Client.GetDossier(dossier.Id());
        Assert.Equal("Decided", (string?)now["status"]);
        Assert.Single(now["steps"]!.AsArray(), s => (string?)s!["kind"] == "Decide");
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM award_records"));
    }

    /// <summary>The same, without If-Match: the loser is a 409 (a concurrent change), never a second decision.</summary>
    [Fact]
    public async Task TwoDecisions_AtOnceWithoutIfMatch_OneWins_TheOther409()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "InCouncilReview");

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier));
            second = Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier, "NotApproved", "Chưa đủ tiêu chuẩn."));
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ExpectJson(HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        var approved = (string?)winner["nominees"]![0]!["outcome"] == "Approved";
        Assert.Equal(approved ? 1L : 0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM award_records"));
        Assert.Equal((string?)winner["nominees"]![0]!["outcome"], (string?)(await Client.GetDossier(dossier.Id()))["nominees"]![0]!["outcome"]);
    }

    /// <summary>Two submissions of the same draft at once (a double click): one step is recorded, the other is 409.</summary>
    [Fact]
    public async Task TwoSubmissions_OfOneDraftAtOnce_RecordOneStep()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.Step(dossier.Id(), "submit");
            second = Client.Step(dossier.Id(), "submit");
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Single((await Client.GetDossier(dossier.Id()))["steps"]!.AsArray());
    }

    [Fact]
    public async Task ListDossiers_AfterAStep_ThePreviousETagNoLongerAnswers304()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");
        var first = await Client.GetAsync(DossiersApi.Url);
        await first.ExpectJson(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, DossiersApi.Url);
        unchanged.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(unchanged);
        await (await Client.Step(dossier.Id(), "submit")).ExpectJson(HttpStatusCode.OK);
        using var changed = new HttpRequestMessage(HttpMethod.Get, DossiersApi.Url);
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var after = await Client.SendAsync(changed);
        var page = await after.ExpectJson(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        Assert.Equal("Submitted", (string?)page["items"]![0]!["status"]);
    }
}

using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Council sessions: open → votes → concluded (read-only), the dossiers they consider, and what the dossier keeps.</summary>
public sealed class CouncilSessionTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
    }

    [Fact]
    public async Task Session_WhenVotedAndConcluded_RecordsTheCouncilsOutcomeOnTheDossier_AndTheDecisionMayDifferFromIt()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Phạm Thị Dung"));

        var created = await Client.CreateSession(dossier.Id());
        Assert.Equal("Open", (string?)created["status"]);
        Assert.Equal(["Chair", "Member", "Secretary"], created["members"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal(["Nguyễn Văn An", "Phạm Thị Dung"], created["dossiers"]![0]!["nominees"]!.AsArray().Select(n => (string?)n!["name"]));
        Assert.All(created["dossiers"]![0]!["nominees"]!.AsArray(), n => Assert.Null(n!["vote"]));
        Assert.Equal(created.Id(), (string?)(await Client.GetDossier(dossier.Id()))["councilSessionId"]);
        // While the session considers it, the dossier waits for its outcome.
        var early = await (await Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("is considering this dossier", (string?)early["detail"]);

        var ids = CouncilApi.NomineeIds(created);
        var voted = await (await Client.RecordVotes(created.Id(), [CouncilApi.Vote(ids[0], @for: 3),
            CouncilApi.Vote(ids[1], "NotRecommended", @for: 1, against: 1, abstain: 1, reason: "Chưa đủ tiêu chuẩn.")], created.ETag())).ExpectJson(HttpStatusCode.OK);
        var votes = voted["dossiers"]![0]!["nominees"]!.AsArray().Select(n => n!["vote"]!).ToList();
        Assert.Equal([3, 1], votes.Select(v => (int)v["for"]!));
        Assert.Equal([0, 1], votes.Select(v => (int)v["abstain"]!));
        Assert.Equal(["Recommended", "NotRecommended"], votes.Select(v => (string?)v["outcome"]));

        var concluded = await (await Client.Conclude(created.Id())).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Concluded", (string?)concluded["status"]);
        Assert.Equal("Biên bản số 9/BB-HĐTĐKT", (string?)concluded["minutesReference"]);
        var considered = await Client.GetDossier(dossier.Id());
        Assert.Equal(["Recommended", "NotRecommended"], considered["nominees"]!.AsArray().Select(n => (string?)n!["councilOutcome"]));
        Assert.Equal([null, "Chưa đủ tiêu chuẩn."], considered["nominees"]!.AsArray().Select(n => (string?)n!["councilReason"]));

        // The chairman decides: approving the nominee the council did not recommend is allowed, and both are kept.
        var decided = await (await Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(considered))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Approved", "Approved"], decided["nominees"]!.AsArray().Select(n => (string?)n!["outcome"]));
        Assert.Equal(["Recommended", "NotRecommended"], decided["nominees"]!.AsArray().Select(n => (string?)n!["councilOutcome"]));
    }

    [Fact]
    public async Task ConcludedSession_IsReadOnly_Returns409OnEveryChange_ButMayStillPublish()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");
        var session = await Client.CreateSession(dossier.Id());
        var nominee = CouncilApi.NomineeIds(session)[0];
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee)])).ExpectJson(HttpStatusCode.OK);
        var concluded = await (await Client.Conclude(session.Id())).ExpectJson(HttpStatusCode.OK);

        var update = await (await Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{session.Id()}", CouncilApi.Body([dossier.Id()], heldOn: "2026-12-06"))).ExpectProblem(HttpStatusCode.Conflict);
        var votes = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee, @for: 2)])).ExpectProblem(HttpStatusCode.Conflict);
        var again = await (await Client.Conclude(session.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.All([update, votes, again], p => Assert.Contains("concluded", (string?)p["detail"]));
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-12-05", (string?)now["heldOn"]);
        Assert.Equal(3, (int)now["dossiers"]![0]!["nominees"]![0]!["vote"]!["for"]!);
        Assert.Equal(concluded["version"]!.ToString(), now["version"]!.ToString());
        var published = await (await Client.PublishSession(session.Id(), "2026-12-08")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-12-08", (string?)published["publishedOn"]);
        var twice = await (await Client.PublishSession(session.Id())).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("2026-12-08", (string?)twice["detail"]);
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("Appraised")]
    [InlineData("Decided")]
    public async Task Create_WithADossierNotInCouncilReview_Returns409_AndNothingIsWritten(string status)
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), status);

        var problem = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([dossier.Id()]))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains($"is {status}", (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM council_sessions"));
        Assert.Null((await Client.GetDossier(dossier.Id()))["councilSessionId"]);
    }

    [Fact]
    public async Task Create_WithADossierAnotherSessionTookUp_Returns409_AndOnceTakenOff_AnotherSessionMayTakeItUp()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");
        var other = await Client.DossierInCouncil("XA-B", DossiersApi.Person("XA-B"));
        var first = await Client.CreateSession(dossier.Id(), other.Id());
        await (await Client.RecordVotes(first.Id(), [.. CouncilApi.NomineeIds(first).Select(id => CouncilApi.Vote(id))])).ExpectJson(HttpStatusCode.OK);

        var taken = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([dossier.Id()]))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("another council session", (string?)taken["detail"]);

        var current = await (await Client.GetAsync($"{CouncilApi.Url}/{first.Id()}")).ExpectJson(HttpStatusCode.OK);
        var stale = await (await Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{first.Id()}", CouncilApi.Body([other.Id()]), first.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.NotNull(stale["detail"]);
        var reduced = await (await Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{first.Id()}", CouncilApi.Body([other.Id()]), current.ETag())).ExpectJson(HttpStatusCode.OK);
        Assert.Equal([other.Id()], reduced["dossiers"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.NotNull(reduced["dossiers"]![0]!["nominees"]![0]!["vote"]);
        Assert.Null((await Client.GetDossier(dossier.Id()))["councilSessionId"]);

        var second = await Client.CreateSession(dossier.Id());
        Assert.Equal(second.Id(), (string?)(await Client.GetDossier(dossier.Id()))["councilSessionId"]);
        // The votes of the dossier taken off went with it: the first session concludes on the other dossier alone.
        Assert.Equal("Concluded", (string?)(await (await Client.Conclude(first.Id())).ExpectJson(HttpStatusCode.OK))["status"]);
    }

    [Fact]
    public async Task Create_WithUnknownDossierOrMissingFields_Returns400KeyedByProperty()
    {
        await Arrange();

        var unknown = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([ClustersApi.NoSuchCriterion]))).ExpectProblem(HttpStatusCode.BadRequest);
        var missing = await (await Client.PostJson(CouncilApi.Url, new { members = new object[] { new { name = "" } } })).ExpectProblem(HttpStatusCode.BadRequest);
        var none = await (await Client.PostJson(CouncilApi.Url, new { heldOn = "2026-12-05", members = Array.Empty<object>(), dossierIds = new[] { ClustersApi.NoSuchCriterion, ClustersApi.NoSuchCriterion } })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["dossierIds[0]"], unknown["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["heldOn", "members[0].name", "members[0].role"], missing["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(["dossierIds", "members"], none["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM council_sessions"));
    }

    [Fact]
    public async Task Create_WithTwoChairs_Returns409()
    {
        await Arrange();
        object[] members = [new { name = "A", role = "Chair" }, new { name = "B", role = "Chair" }];

        var problem = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], members: members))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("one chair", (string?)problem["detail"]);
    }

    [Fact]
    public async Task RecordVotes_BeyondTheMembersPresent_OrOnAStrangeNominee_Returns409_AndWithoutReason400()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");
        var outsider = await Client.DossierInCouncil("XA-B", DossiersApi.Person("XA-B"));
        var session = await Client.CreateSession(dossier.Id());
        var nominee = CouncilApi.NomineeIds(session)[0];

        var tooMany = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee, @for: 2, against: 1, abstain: 1)])).ExpectProblem(HttpStatusCode.Conflict);
        var stranger = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote((string)outsider["nominees"]![0]!["id"]!)])).ExpectProblem(HttpStatusCode.Conflict);
        var twice = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee), CouncilApi.Vote(nominee)])).ExpectProblem(HttpStatusCode.Conflict);
        var noReason = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee, "NotRecommended"), new { nomineeId = nominee, @for = -1 }])).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("more than the 3 present", (string?)tooMany["detail"]);
        Assert.Contains("not in a dossier this session considers", (string?)stranger["detail"]);
        Assert.Contains("once", (string?)twice["detail"]);
        Assert.Equal(["votes[0].reason", "votes[1].abstain", "votes[1].against", "votes[1].for", "votes[1].outcome"], noReason["errors"]!.AsObject().Select(e => e.Key).Order());
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Null(now["dossiers"]![0]!["nominees"]![0]!["vote"]);
        // Fewer members present than a recorded vote counts: refused too.
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(nominee, @for: 3)])).ExpectJson(HttpStatusCode.OK);
        var shrink = await (await Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{session.Id()}", CouncilApi.Body([dossier.Id()], members: [new { name = "A", role = "Chair" }]))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("more than the 1 present", (string?)shrink["detail"]);
    }

    [Fact]
    public async Task Conclude_WithAVoteMissing_WithoutMinutes_OrWithoutDossiers_Returns409()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Phạm Thị Dung"));
        var session = await Client.CreateSession(dossier.Id());
        var ids = CouncilApi.NomineeIds(session);
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(ids[0])])).ExpectJson(HttpStatusCode.OK);
        var empty = await Client.CreateSession();

        var missing = await (await Client.Conclude(session.Id())).ExpectProblem(HttpStatusCode.Conflict);
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(ids[1])])).ExpectJson(HttpStatusCode.OK);
        var noMinutes = await (await Client.Conclude(session.Id(), minutesReference: null)).ExpectProblem(HttpStatusCode.Conflict);
        var noDossier = await (await Client.Conclude(empty.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(ids[1], (string?)missing["detail"]);
        Assert.Contains("minutes", (string?)noMinutes["detail"]);
        Assert.Contains("considered no dossier", (string?)noDossier["detail"]);
        Assert.Null((await Client.GetDossier(dossier.Id()))["nominees"]![0]!["councilOutcome"]);
    }

    [Fact]
    public async Task Forward_WhileTheSessionIsOpen_Returns409_AndAfterItsOutcome_Succeeds()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A", DossiersApi.Person("SO-A", award: DossiersApi.StateAward));
        var session = await Client.CreateSession(dossier.Id());

        var forward = await (await Client.Step(dossier.Id(), "forward")).ExpectProblem(HttpStatusCode.Conflict);
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(CouncilApi.NomineeIds(session)[0])])).ExpectJson(HttpStatusCode.OK);
        await (await Client.Conclude(session.Id())).ExpectJson(HttpStatusCode.OK);
        var forwarded = await (await Client.Step(dossier.Id(), "forward")).ExpectJson(HttpStatusCode.OK);

        Assert.Contains("is considering this dossier", (string?)forward["detail"]);
        Assert.Equal("Forwarded", (string?)forwarded["status"]);
        Assert.Equal("Recommended", (string?)forwarded["nominees"]![0]!["councilOutcome"]);
    }

    [Fact]
    public async Task List_FiltersByYearStatusAndPublished_LatestFirst()
    {
        await Arrange();
        var a = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], heldOn: "2025-06-01"))).ExpectJson(HttpStatusCode.Created);
        var b = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], heldOn: "2026-12-01"))).ExpectJson(HttpStatusCode.Created);
        await (await Client.PublishSession(b.Id())).ExpectJson(HttpStatusCode.OK);

        async Task<string[]> Ids(string query) =>
            [.. (await (await Client.GetAsync(CouncilApi.Url + query)).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!)];

        Assert.Equal([b.Id(), a.Id()], await Ids(""));
        Assert.Equal([a.Id()], await Ids("?year=2025"));
        Assert.Equal([b.Id()], await Ids("?published=true"));
        Assert.Empty(await Ids("?status=Concluded"));
        await (await Client.GetAsync(CouncilApi.Url + "?status=Nope")).ExpectProblem(HttpStatusCode.BadRequest);
        await (await Client.GetAsync($"{CouncilApi.Url}/{ClustersApi.NoSuchCriterion}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Access_ReadersRead_UnitClientsSeeNoSession_ButTheCouncilsOutcomeOnTheirOwnDossier()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");
        var session = await Client.CreateSession(dossier.Id());
        await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(CouncilApi.NomineeIds(session)[0])])).ExpectJson(HttpStatusCode.OK);
        await (await Client.Conclude(session.Id())).ExpectJson(HttpStatusCode.OK);
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));
        using var unit = Factory.ClientWithKey(await Client.CreateKey("Unit", "SO-A"));

        Assert.Equal("Concluded", (string?)(await (await reader.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK))["status"]);
        await (await reader.PostJson(CouncilApi.Url, CouncilApi.Body([]))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await unit.GetAsync(CouncilApi.Url)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await unit.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal("Recommended", (string?)(await unit.GetDossier(dossier.Id()))["nominees"]![0]!["councilOutcome"]);
    }
}

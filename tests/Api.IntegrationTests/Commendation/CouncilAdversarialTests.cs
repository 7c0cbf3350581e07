using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>
/// An adversarial pass over council sessions and the public nominees list (issue 16): nulls and duplicates inside
/// lists, the ends of the ranges, two sessions or two vote records racing for the same thing, and what an anonymous
/// reader sees. Each answer is checked for its status and its body.
/// </summary>
public sealed class CouncilAdversarialTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
    }

    private static string[] Keys(JsonNode problem) => [.. problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("""{"heldOn":"2026-12-05","members":[null],"dossierIds":[]}""", "members[0]")]
    [InlineData("""{"heldOn":"2026-12-05","members":[{"name":"Nguyễn Văn Chủ","role":"Chair"}],"dossierIds":[null]}""", "dossierIds[0]")]
    [InlineData("""{"heldOn":"0001-01-01","members":[{"name":"Nguyễn Văn Chủ","role":"Chair"}]}""", "heldOn")]
    [InlineData("""{"heldOn":"9999-12-31","members":[{"name":"Nguyễn Văn Chủ","role":"Chair"}]}""", "heldOn")]
    [InlineData("""{"heldOn":"2026-12-05","members":[{"name":"Nguyễn\u0000Chủ","role":"Chair"}]}""", "members[0].name")]
    public async Task Create_WithANullElement_OrADayOutOfRange_OrANul_Returns400NamingIt(string body, string field)
    {
        await Arrange();

        var problem = await (await Client.PostAsync(CouncilApi.Url, TestHttp.Json(body))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, Keys(problem));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM council_sessions"));
    }

    [Fact]
    public async Task Create_With100Members_Returns201_And101_Returns400_AndNamesKeepTheirMarksAndEmoji()
    {
        await Arrange();
        object[] Members(int count) => [.. Enumerable.Range(1, count).Select(i => new { name = $"Thành viên {i} 🌾", role = i == 1 ? "Chair" : "Member" })];

        var full = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], members: Members(100)))).ExpectJson(HttpStatusCode.Created);
        var over = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([], members: Members(101)))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(100, full["members"]!.AsArray().Count);
        Assert.Equal("Thành viên 100 🌾", (string?)full["members"]![99]!["name"]);
        Assert.Equal(["members"], Keys(over));
    }

    [Fact]
    public async Task Create_ListingADossierTwice_Returns400_AndTakesNothingUp()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");

        var problem = await (await Client.PostJson(CouncilApi.Url, CouncilApi.Body([dossier.Id(), dossier.Id()]))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["dossierIds"], Keys(problem));
        Assert.Null((await Client.GetDossier(dossier.Id()))["councilSessionId"]);
    }

    [Theory]
    [InlineData("""{"votes":[null]}""", "votes[0]")]
    [InlineData("""{"votes":[]}""", "votes")]
    [InlineData("""{"votes":[{"nomineeId":"NOMINEE","for":2147483647,"against":0,"abstain":0,"outcome":"Recommended"}]}""", "votes[0].for")]
    [InlineData("""{"votes":[{"nomineeId":"NOMINEE","for":-1,"against":0,"abstain":0,"outcome":"Recommended"}]}""", "votes[0].for")]
    [InlineData("""{"votes":[{"nomineeId":"NOMINEE","for":3,"against":0,"abstain":0,"outcome":"NotRecommended"}]}""", "votes[0].reason")]
    public async Task RecordVotes_WithANullVote_OrCountsOutOfRange_Returns400NamingIt_AndRecordsNothing(string body, string field)
    {
        await Arrange();
        var session = await Client.CreateSession((await Client.DossierInCouncil("SO-A")).Id());

        var problem = await (await Client.PutAsync($"{CouncilApi.Url}/{session.Id()}/votes", TestHttp.Json(body.Replace("NOMINEE", CouncilApi.NomineeIds(session)[0], StringComparison.Ordinal))))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, Keys(problem));
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Null(now["dossiers"]![0]!["nominees"]![0]!["vote"]);
    }

    [Fact]
    public async Task RecordVotes_NamingOneNomineeTwice_Returns409_AndRecordsNothing()
    {
        await Arrange();
        var session = await Client.CreateSession((await Client.DossierInCouncil("SO-A")).Id());
        var id = CouncilApi.NomineeIds(session)[0];

        var problem = await (await Client.RecordVotes(session.Id(), [CouncilApi.Vote(id), CouncilApi.Vote(id, "NotRecommended", 0, 3, reason: "Không đủ phiếu.")]))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("voted on once", (string?)problem["detail"]);
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Null(now["dossiers"]![0]!["nominees"]![0]!["vote"]);
    }

    /// <summary>Two sessions created at once, both naming the same dossier: one takes it up, the other is refused and
    /// not created — a dossier is considered by one session at a time.</summary>
    [Fact]
    public async Task TwoSessions_TakingTheSameDossierAtOnce_OneIsCreated_TheOther409()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            first = Client.PostJson(CouncilApi.Url, CouncilApi.Body([dossier.Id()], heldOn: "2026-12-05"));
            second = Client.PostJson(CouncilApi.Url, CouncilApi.Body([dossier.Id()], heldOn: "2026-12-06"));
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).ExpectJson(HttpStatusCode.Created);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(winner.Id(), (string?)(await Client.GetDossier(dossier.Id()))["councilSessionId"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM council_sessions"));
    }

    /// <summary>Two clerks record votes on the same session at once with the same If-Match: one is kept, the other is 412.</summary>
    [Fact]
    public async Task TwoVoteRecords_AtOnceWithTheSameIfMatch_OneIsKept_TheOther412()
    {
        await Arrange();
        var session = await Client.CreateSession((await Client.DossierInCouncil("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Lê Văn Bình"))).Id());
        var ids = CouncilApi.NomineeIds(session);

        Task<HttpResponseMessage> first, second;
        await using (var gate = await Factory.HoldWritesAsync("council_sessions"))
        {
            first = Client.RecordVotes(session.Id(), [CouncilApi.Vote(ids[0])], session.ETag());
            second = Client.RecordVotes(session.Id(), [CouncilApi.Vote(ids[1])], session.ETag());
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(first, second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ExpectJson(HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ExpectProblem(HttpStatusCode.PreconditionFailed);
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(1, now["dossiers"]![0]!["nominees"]!.AsArray().Count(n => n!["vote"] is not null));
        Assert.Equal(winner["version"]!.ToString(), now["version"]!.ToString());
    }

    /// <summary>Concluding while another editor takes the only dossier off the session: never a concluded session whose
    /// dossier was let go, nor a dossier let go that carries the council's outcome.</summary>
    [Fact]
    public async Task Conclude_RacingATakeOff_LeavesOneConsistentOutcome()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A");
        var other = await Client.DossierInCouncil("XA-B", DossiersApi.Person("XA-B"));
        var session = await Client.CreateSession(dossier.Id(), other.Id());
        await (await Client.RecordVotes(session.Id(), [.. CouncilApi.NomineeIds(session).Select(id => CouncilApi.Vote(id))])).ExpectJson(HttpStatusCode.OK);

        Task<HttpResponseMessage> conclude, takeOff;
        await using (var gate = await Factory.HoldWritesAsync("council_sessions"))
        {
            conclude = Client.Conclude(session.Id());
            takeOff = Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{session.Id()}", CouncilApi.Body([other.Id()]));
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(conclude, takeOff);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        var now = await (await Client.GetAsync($"{CouncilApi.Url}/{session.Id()}")).ExpectJson(HttpStatusCode.OK);
        var first = await Client.GetDossier(dossier.Id());
        if ((string?)now["status"] == "Concluded")
        {
            Assert.Equal(2, now["dossiers"]!.AsArray().Count);
            Assert.Equal("Recommended", (string?)first["nominees"]![0]!["councilOutcome"]);
        }
        else
        {
            Assert.Single(now["dossiers"]!.AsArray());
            Assert.Null(first["councilSessionId"]);
            Assert.Null(first["nominees"]![0]!["councilOutcome"]);
        }
    }

    [Fact]
    public async Task PublicNominees_OfADossierTakenOffThePublishedSession_AreNoLongerListed_AndShowOnlyThePublicFields()
    {
        await Arrange();
        var dossier = await Client.DossierInCouncil("SO-A", DossiersApi.Person("SO-A", name: "Nguyễn Văn An", position: "Tổ trưởng"));
        var other = await Client.DossierInCouncil("XA-B", DossiersApi.SmallCollective("XA-B", name: "Thôn Đông 🌾", collectiveKind: "Village"));
        var session = await Client.CreateSession(dossier.Id(), other.Id());
        await (await Client.PublishSession(session.Id())).ExpectJson(HttpStatusCode.OK);
        using var anonymous = Factory.ClientWithKey(null);

        var before = await (await anonymous.GetAsync("/api/v1/public/nominees")).ExpectJson(HttpStatusCode.OK);
        await (await Client.Send(HttpMethod.Put, $"{CouncilApi.Url}/{session.Id()}", CouncilApi.Body([other.Id()]))).ExpectJson(HttpStatusCode.OK);
        var after = await (await anonymous.GetAsync("/api/v1/public/nominees")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["Nguyễn Văn An", "Thôn Đông 🌾"], before["items"]!.AsArray().Select(i => (string?)i!["name"]).Order(StringComparer.Ordinal));
        Assert.All(before["items"]!.AsArray(), i => Assert.Equal(["awardCode", "awardName", "name", "sessionDate", "unitName"], i!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        Assert.DoesNotContain("Tổ trưởng", before.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["Thôn Đông 🌾"], after["items"]!.AsArray().Select(i => (string?)i!["name"]));
    }
}

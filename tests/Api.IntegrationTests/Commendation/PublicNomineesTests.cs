using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>The public list of nominees under consideration: only what a session published, only while undecided,
/// only the recommended ones once the session is concluded, and only the public fields.</summary>
public sealed class PublicNomineesTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/public/nominees";

    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private static async Task<string[]> Names(HttpClient client, string url) =>
        [.. (await (await client.GetAsync(url)).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["name"]!)];

    private async Task<(string Published, string Hidden, string Dossier)> Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        var dossier = await Client.DossierInCouncil("SNV",
            DossiersApi.Person("SNV", name: "Nguyễn Thị Hoa", position: "Trưởng phòng"),
            DossiersApi.SmallCollective("SNV", name: "Phòng Thi đua"),
            DossiersApi.UnitNominee("STC"));
        var hidden = await Client.DossierInCouncil("STC", DossiersApi.Person("STC", name: "Trần Văn Kín"));
        var published = await Client.CreateSession(dossier.Id());
        await Client.CreateSession(hidden.Id());
        await (await Client.PublishSession(published.Id())).ExpectJson(HttpStatusCode.OK);
        return (published.Id(), hidden.Id(), dossier.Id());
    }

    [Fact]
    public async Task ListPublicNominees_WithoutAKey_ListsThePublishedSessionsNominees_WithOnlyThePublicFields()
    {
        await Arrange();
        using var anonymous = Factory.ClientWithKey(null);

        var body = await (await anonymous.GetAsync(Url)).ExpectJson(HttpStatusCode.OK);

        var items = body["items"]!.AsArray();
        Assert.Equal(["Nguyễn Thị Hoa", "Phòng Thi đua", "Sở Tài chính"], items.Select(i => (string)i!["name"]!));
        Assert.Equal(["Sở Nội vụ", "Sở Nội vụ", "Sở Tài chính"], items.Select(i => (string)i!["unitName"]!));
        foreach (var item in items)
            Assert.Equal(["awardCode", "awardName", "name", "sessionDate", "unitName"], item!.AsObject().Select(p => p.Key).Order());
        Assert.Equal([DossiersApi.PersonAward, DossiersApi.CollectiveAward, DossiersApi.CollectiveAward], items.Select(i => (string)i!["awardCode"]!));
        Assert.Equal("Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", (string?)items[0]!["awardName"]);
        Assert.All(items, i => Assert.Equal("2026-12-05", (string?)i!["sessionDate"]));
        var text = body.ToJsonString();
        Assert.DoesNotContain("Trần Văn Kín", text, StringComparison.Ordinal); // an unpublished session's
        Assert.DoesNotContain("Trưởng phòng", text, StringComparison.Ordinal); // position
        Assert.DoesNotContain("Hoàn thành xuất sắc", text, StringComparison.Ordinal); // achievements
        Assert.DoesNotContain("DirectWorker", text, StringComparison.Ordinal); // category
    }

    [Fact]
    public async Task ListPublicNominees_AfterConclusion_ListsTheRecommendedOnly_AndAfterTheDecision_None()
    {
        var (session, _, dossierId) = await Arrange();
        var read = await (await Client.GetAsync($"{CouncilApi.Url}/{session}")).ExpectJson(HttpStatusCode.OK);
        var ids = CouncilApi.NomineeIds(read);
        using var anonymous = Factory.ClientWithKey(null);

        await (await Client.RecordVotes(session, [CouncilApi.Vote(ids[0]), CouncilApi.Vote(ids[1], "NotRecommended", @for: 0, against: 3, reason: "Chưa tiêu biểu."), CouncilApi.Vote(ids[2])])).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, (await Names(anonymous, Url)).Length);
        await (await Client.Conclude(session)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["Nguyễn Thị Hoa", "Sở Tài chính"], await Names(anonymous, Url));

        await (await Client.Step(dossierId, "decide", DossiersApi.DecideBody(await Client.GetDossier(dossierId)))).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(await Names(anonymous, Url));
    }

    [Theory]
    [InlineData("?unitCode=stc", "Sở Tài chính")]
    [InlineData("?awardCode=bk-cn", "Nguyễn Thị Hoa")]
    [InlineData("?year=2025", null)]
    public async Task ListPublicNominees_Filters_ByUnitAwardAndYear(string query, string? expected)
    {
        await Arrange();
        using var anonymous = Factory.ClientWithKey(null);

        string[] wanted = expected is null ? [] : [expected];
        Assert.Equal(wanted, await Names(anonymous, Url + query));
    }

    [Fact]
    public async Task ListPublicNominees_UnknownUnitOrBadYear_Returns400_AndIsOpenWithoutAKeyOnly()
    {
        using var anonymous = Factory.ClientWithKey(null);

        var year = await (await anonymous.GetAsync(Url + "?year=1800")).ExpectProblem(HttpStatusCode.BadRequest);
        var unit = await (await anonymous.GetAsync(Url + "?unitCode=NOPE")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(year["errors"]!["year"]);
        Assert.NotNull(unit["errors"]!["unitCode"]);
        Assert.Empty(await Names(anonymous, Url));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>A decision writes the award register: one line per approved unit or person, none for the others.</summary>
public sealed class DossierRegisterTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Client.CreateUnits("A", "B");
        await Client.CreateAward("TL");
        await Client.CreateAward("CS", recipient: "Individual");
    }

    private async Task<JsonNode> Decide(JsonNode dossier, Func<JsonNode, string> outcome, string? documentReference = "Quyết định số 77/QĐ-UBND") =>
        await Client.Step(dossier.Id(), "decide", new
        {
            documentReference,
            date = "2026-12-10",
            signer = "Chủ tịch UBND tỉnh",
            outcomes = dossier["nominees"]!.AsArray().Select(n => new
            {
                nomineeId = (string)n!["id"]!,
                outcome = outcome(n),
                reason = outcome(n) == "NotApproved" ? "Chưa đủ tiêu chuẩn." : null,
            }).ToArray(),
        }) is var response ? await response.ExpectJson(HttpStatusCode.OK) : null!;

    private async Task<JsonArray> Register(string query) =>
        (await (await Client.GetAsync($"{CommendationApi.RegisterUrl}?{query}")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task Decide_WritesOneLinePerApprovedUnitOrPerson_AndNoneForTheNotApprovedOrASmallCollective()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("A",
            DossiersApi.UnitNominee("A", "TL"), DossiersApi.UnitNominee("B", "TL"),
            DossiersApi.Person("A", "CS", "Nguyễn Văn An"), DossiersApi.SmallCollective("A", award: "TL")), "InCouncilReview");

        await Decide(dossier, n => (string?)n["unit"]!["code"] == "B" ? "NotApproved" : "Approved");

        var lines = await Register("year=2026");
        Assert.Equal(["A/", "A/Nguyễn Văn An"], lines.Select(l => $"{(string?)l!["unit"]!["code"]}/{(string?)l["personName"]}").Order());
        Assert.All(lines, l =>
        {
            Assert.Equal("Decision", (string?)l!["source"]);
            Assert.Equal("Quyết định số 77/QĐ-UBND", (string?)l["decision"]!["number"]);
            Assert.Equal("2026-12-10", (string?)l["decision"]!["date"]);
            Assert.Equal("Chủ tịch UBND tỉnh", (string?)l["decision"]!["signer"]);
            Assert.Equal(2026, (int)l["year"]!);
        });
    }

    [Fact]
    public async Task Decide_ApprovingWithoutTheDecisionNumber_Is400_AndWritesNothing()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("A", DossiersApi.UnitNominee("A", "TL")), "InCouncilReview");

        var problem = await (await Client.Step(dossier.Id(), "decide", new
        {
            outcomes = new[] { new { nomineeId = (string)dossier["nominees"]![0]!["id"]!, outcome = "Approved" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("award register", (string?)problem["errors"]!["documentReference"]![0]);
        Assert.Empty(await Register("year=2026"));
        Assert.Equal("InCouncilReview", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task ConsecutiveYears_ReadsTheLinesDecisionsWrote()
    {
        await Arrange();
        await Client.CreateAward("TT");
        await (await Client.PostJson($"{CommendationApi.AwardsUrl}/TT/rules",
            new { kind = "ConsecutiveYears", requiredAwardCode = "TL", count = 2, citation = "Điều thử", explanation = "Diễn giải thử" })).ExpectJson(HttpStatusCode.Created);
        foreach (var year in new[] { 2025, 2026 })
        {
            var dossier = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("A", [DossiersApi.UnitNominee("A", "TL")], year))).ExpectJson(HttpStatusCode.Created);
            await Decide(await Client.Reach(dossier, "InCouncilReview"), _ => "Approved");
        }

        var eligibility = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/TT/eligibility?unitCode=A&year=2026")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Met", (string?)eligibility["outcome"]);
        Assert.Equal([2025, 2026], eligibility["rules"]![0]!["records"]!.AsArray().Select(r => (int)r!["year"]!));
    }

    [Fact]
    public async Task TheHigherLevelsDecision_OnAForwardedDossier_WritesTheRegisterToo()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("A");
        var dossier = await Client.Reach(await Client.CreateDossier("A", DossiersApi.Person("A", DossiersApi.StateAward, "Trần Thị Bình")), "InCouncilReview");
        await (await Client.Step(dossier.Id(), "forward")).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(await Register("year=2026"));

        await Decide(dossier, _ => "Approved");

        var line = Assert.Single(await Register("year=2026"))!;
        Assert.Equal((DossiersApi.StateAward, "Trần Thị Bình"), ((string?)line["award"]!["code"], (string?)line["personName"]));
    }
}

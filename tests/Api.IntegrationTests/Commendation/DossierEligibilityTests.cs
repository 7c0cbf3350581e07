using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Submission and appraisal record what the award's eligibility rules answer for each nominee — advice for the
/// council, never a bar.</summary>
public sealed class DossierEligibilityTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    /// <summary>Units A, B, C; TT needs 2 consecutive years of TL; TL itself has no rule.</summary>
    private async Task Arrange()
    {
        await Client.CreateUnits("A", "B", "C");
        await Client.CreateAward("TL");
        await Client.CreateAward("TT");
        await (await Client.PostJson($"{CommendationApi.AwardsUrl}/TT/rules",
            new { kind = "ConsecutiveYears", requiredAwardCode = "TL", count = 2, citation = "Điều thử", explanation = "Diễn giải thử" })).ExpectJson(HttpStatusCode.Created);
        await Client.Record("TL", 2025, "A");
        await Client.Record("TL", 2026, "A");
        await Client.Record("TL", 2026, "B");
    }

    private static JsonNode StepOf(JsonNode dossier, string kind) => dossier["steps"]!.AsArray().Single(s => (string?)s!["kind"] == kind)!;

    private static string[] Outcomes(JsonNode step) => [.. step["eligibility"]!.AsArray().Select(e => (string)e!["outcome"]!)];

    [Fact]
    public async Task Submit_RecordsMetNotMetAndCannotTellPerNominee_WithTheRuleAndItsEvidence_AndDoesNotBlock()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("A",
            DossiersApi.UnitNominee("A", "TT"), DossiersApi.UnitNominee("B", "TT"), DossiersApi.UnitNominee("C", "TL"), DossiersApi.SmallCollective("A", award: "TT"));

        var submitted = await (await Client.Step(dossier.Id(), "submit")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Submitted", (string?)submitted["status"]);
        var step = StepOf(await Client.GetDossier(dossier.Id()), "Submit");
        Assert.Equal(["Met", "NotMet", "CannotTell", "CannotTell"], Outcomes(step));
        var nominees = dossier["nominees"]!.AsArray();
        var eligibility = step["eligibility"]!.AsArray();
        Assert.Equal(nominees.Select(n => (string?)n!["id"]), eligibility.Select(e => (string?)e!["nomineeId"]));
        var met = Assert.Single(eligibility[0]!["rules"]!.AsArray())!;
        Assert.Equal(("ConsecutiveYears", "Điều thử", 2), ((string?)met["kind"], (string?)met["citation"], met["recordIds"]!.AsArray().Count));
        var notMet = Assert.Single(eligibility[1]!["rules"]!.AsArray())!;
        Assert.Contains("none for 2025", (string?)notMet["reason"]);
        Assert.Single(notMet["recordIds"]!.AsArray());
        Assert.Empty(eligibility[2]!["rules"]!.AsArray());
        Assert.Contains("collective inside a unit", (string?)eligibility[3]!["reason"]);
        Assert.Null(StepOf(submitted, "Submit")["eligibility"]![0]!["reason"]);
    }

    [Fact]
    public async Task Appraise_EvaluatesAgain_SoARegisterLineAddedSinceSubmissionShows_WhileTheSubmissionKeepsItsAnswer()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("B", DossiersApi.UnitNominee("B", "TT")), "UnderAppraisal");
        await Client.Record("TL", 2025, "B");

        await (await Client.Step(dossier.Id(), "appraise")).ExpectJson(HttpStatusCode.OK);

        var read = await Client.GetDossier(dossier.Id());
        Assert.Equal(["NotMet"], Outcomes(StepOf(read, "Submit")));
        Assert.Equal(["Met"], Outcomes(StepOf(read, "Appraise")));
        Assert.Equal(2, StepOf(read, "Appraise")["eligibility"]![0]!["rules"]![0]!["recordIds"]!.AsArray().Count);
        Assert.Null(StepOf(read, "Receive")["eligibility"]);
    }
}

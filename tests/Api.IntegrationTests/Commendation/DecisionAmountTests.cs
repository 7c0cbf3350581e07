using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>A decision fixes each register line's amount when it is taken: coefficient × the base salary in force on its date.</summary>
public sealed class DecisionAmountTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task<JsonNode> DecideApproved(string award, string unit = "A")
    {
        var dossier = await Client.Reach(await Client.CreateDossier(unit, DossiersApi.UnitNominee(unit, award)), "InCouncilReview");
        return await (await Client.Step(dossier.Id(), "decide", new
        {
            documentReference = "Quyết định số 88/QĐ-UBND",
            date = "2026-12-10",
            outcomes = dossier["nominees"]!.AsArray().Select(n => new { nomineeId = (string)n!["id"]!, outcome = "Approved" }).ToArray(),
        })).ExpectJson(HttpStatusCode.OK);
    }

    private async Task<JsonNode> Line(string award) =>
        Assert.Single((await (await Client.GetAsync($"{CommendationApi.RegisterUrl}?year=2026")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray(),
            l => (string?)l!["award"]!["code"] == award)!;

    [Fact]
    public async Task Decide_WithACoefficient_RecordsCoefficientTimesTheBaseSalaryOfTheDecisionDate_AndNullWithout()
    {
        await Client.CreateUnits("A");
        await Client.CreateSalary("2024-07-01", 2_340_000);
        await Client.CreateAward("CTD", rewardCoefficient: 8.0m);
        await Client.CreateAward("TT");

        await DecideApproved("CTD");
        await DecideApproved("TT");

        Assert.Equal(18_720_000L, (long?)(await Line("CTD"))["amount"]);
        var without = await Line("TT");
        Assert.True(without.AsObject().ContainsKey("amount"));
        Assert.Null(without["amount"]);
    }

    [Fact]
    public async Task Decide_BeforeTheFirstBaseSalary_Succeeds_AndRecordsNoAmount()
    {
        await Client.CreateUnits("A");
        await Client.CreateSalary("2027-01-01", 2_340_000);
        await Client.CreateAward("CTD", rewardCoefficient: 8.0m);

        var decided = await DecideApproved("CTD");

        Assert.Equal("Decided", (string?)decided["status"]);
        var line = await Line("CTD");
        Assert.True(line.AsObject().ContainsKey("amount"));
        Assert.Null(line["amount"]);
    }

    [Fact]
    public async Task TheRecordedAmount_DoesNotFollowALaterCoefficientOrBaseSalary()
    {
        await Client.CreateUnits("A");
        await Client.CreateSalary("2024-07-01", 2_340_000);
        var award = await Client.CreateAward("CTD", rewardCoefficient: 8.0m);
        await DecideApproved("CTD");

        await (await Client.Send(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/CTD",
            CommendationApi.AwardBody("CTD", "Danh hiệu CTD", rewardCoefficient: 9m, legalBasis: "sửa"), award.ETag())).ExpectJson(HttpStatusCode.OK);
        await Client.CreateSalary("2026-01-01", 2_500_000);

        // The amount computed today for that date has moved (9 × 2,500,000); the decision's has not.
        var now = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/CTD/amount?on=2026-12-10")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(22_500_000L, (long)now["amount"]!);
        Assert.Equal(18_720_000L, (long?)(await Line("CTD"))["amount"]);
    }

    [Fact]
    public async Task Decide_RoundsTheAmountToTheWholeDong_HalfAwayFromZero()
    {
        await Client.CreateUnits("A");
        await Client.CreateSalary("2024-07-01", 1_000_003);
        await Client.CreateAward("HALF", rewardCoefficient: 1.5m);

        await DecideApproved("HALF");

        // 1.5 × 1,000,003 = 1,500,004.5 → 1,500,005 (banker's rounding would give 1,500,004).
        Assert.Equal(1_500_005L, (long?)(await Line("HALF"))["amount"]);
    }
}

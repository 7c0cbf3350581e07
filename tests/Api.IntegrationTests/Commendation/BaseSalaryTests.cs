using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class BaseSalaryTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Amount(string code, string on) => Client.GetAsync($"{CommendationApi.AwardsUrl}/{code}/amount?on={on}");

    private async Task Arrange()
    {
        await Client.CreateSalary("2023-07-01", 1_800_000);
        await Client.CreateSalary("2024-07-01", 2_340_000);
        await Client.CreateAward("CTD", rewardCoefficient: 8.0m);
    }

    [Theory]
    [InlineData("2023-07-01", 1_800_000, 14_400_000)]
    [InlineData("2024-06-30", 1_800_000, 14_400_000)]
    [InlineData("2024-07-01", 2_340_000, 18_720_000)]
    [InlineData("2099-12-31", 2_340_000, 18_720_000)]
    public async Task GetAwardAmount_OnABoundary_UsesTheSalaryInForceThatDay(string on, long salary, long amount)
    {
        await Arrange();

        var body = await (await Amount("ctd", on)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(salary, (long)body["baseSalary"]!["amount"]!);
        Assert.Equal(amount, (long)body["amount"]!);
        Assert.Equal(8.0m, (decimal)body["coefficient"]!);
        Assert.Equal("CTD", (string?)body["award"]!["code"]);
    }

    [Fact]
    public async Task GetAwardAmount_BeforeTheFirstSalary_Returns409SayingSo()
    {
        await Arrange();

        var problem = await (await Amount("CTD", "2023-06-30")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("No base salary is configured in force on 2023-06-30", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetAwardAmount_RoundsToTheWholeDong_HalfAwayFromZero()
    {
        await Client.CreateSalary("2024-07-01", 1_000_005);
        await Client.CreateAward("HALF", rewardCoefficient: 0.5m);

        var body = await (await Amount("HALF", "2025-01-01")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(500_003L, (long)body["amount"]!);
    }

    [Fact]
    public async Task GetAwardAmount_WhenTheEntryHasNoCoefficient_Returns409_AndWithoutADate400()
    {
        await Arrange();
        await Client.CreateAward("NONE");

        var problem = await (await Amount("NONE", "2025-01-01")).ExpectProblem(HttpStatusCode.Conflict);
        var missing = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/CTD/amount")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("no reward coefficient", (string?)problem["detail"]);
        Assert.NotNull(missing["errors"]!["on"]);
    }

    [Fact]
    public async Task CreateBaseSalary_ForADateAlreadyConfigured_Returns409_AndListsOldestFirst()
    {
        await Client.CreateSalary("2024-07-01", 2_340_000);
        await Client.CreateSalary("2023-07-01", 1_800_000);

        var problem = await (await Client.PostJson(CommendationApi.SalariesUrl, new { effectiveFrom = "2024-07-01", amount = 1, legalBasis = "x" })).ExpectProblem(HttpStatusCode.Conflict);
        var list = await (await Client.GetAsync(CommendationApi.SalariesUrl)).ExpectJson(HttpStatusCode.OK);

        Assert.Contains("already configured", (string?)problem["detail"]);
        Assert.Equal(["2023-07-01", "2024-07-01"], list.AsArray().Select(s => (string)s!["effectiveFrom"]!));
    }

    [Theory]
    [InlineData("""{"effectiveFrom":"2024-07-01","amount":0,"legalBasis":"x"}""", "amount")]
    [InlineData("""{"effectiveFrom":"2024-07-01","amount":1000000001,"legalBasis":"x"}""", "amount")]
    [InlineData("""{"effectiveFrom":"2024-07-01","amount":1}""", "legalBasis")]
    [InlineData("""{"amount":1,"legalBasis":"x"}""", "effectiveFrom")]
    public async Task CreateBaseSalary_WhenInvalid_Returns400OnTheField(string json, string field)
    {
        var problem = await (await Client.PostAsync(CommendationApi.SalariesUrl, TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task UpdateBaseSalary_WithAStaleIfMatch_Returns412AndKeepsTheWinnersChange()
    {
        var salary = await Client.CreateSalary("2024-07-01", 2_340_000);
        var url = $"{CommendationApi.SalariesUrl}/{salary.Id()}";

        var first = await Client.Send(HttpMethod.Put, url, new { effectiveFrom = "2024-07-01", amount = 2_340_001, legalBasis = "a" }, salary.ETag());
        var second = await Client.Send(HttpMethod.Put, url, new { effectiveFrom = "2024-07-01", amount = 2_340_002, legalBasis = "b" }, salary.ETag());

        Assert.Equal(2_340_001L, (long)(await first.ExpectJson(HttpStatusCode.OK))["amount"]!);
        await second.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(2_340_001L, await Factory.ScalarAsync<long>("SELECT amount FROM base_salaries"));
    }

    [Fact]
    public async Task CreateBaseSalary_ForAnEditor_Returns403()
    {
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor"));

        await (await editor.PostJson(CommendationApi.SalariesUrl, new { effectiveFrom = "2024-07-01", amount = 1, legalBasis = "x" })).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM base_salaries"));
    }
}

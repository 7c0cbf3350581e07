using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>
/// The public list of decided awards: open without a key, throttled per address, and carrying only the fields the law
/// makes public. Decisions do not write the register through the dossiers yet, so a decided line is made here by
/// entering a register line and marking it as coming from a decision.
/// </summary>
public sealed class PublicAwardsTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/public/awards";

    private async Task Arrange()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        await Client.CreateAward("TT", recipient: "Collective");
        await Client.CreateAward("CN", recipient: "Individual");
        await Decided("CN", 2025, "SNV", "Nguyễn Thị Hoa", 1980);
        await Decided("TT", 2025, "STC");
        await Decided("CN", 2024, "STC", "Trần Văn Bình");
        // History entered by an editor: in the register, not in the public list.
        await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("CN", 2025, "SNV", "Lê Văn Cũ"))).ExpectJson(HttpStatusCode.Created);
    }

    private async Task Decided(string award, int year, string unit, string? person = null, int? birthYear = null)
    {
        var line = await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody(award, year, unit, person, birthYear, decisionNumber: $"{year}/QĐ-UBND")))
            .ExpectJson(HttpStatusCode.Created);
        await Factory.ExecuteAsync($"UPDATE award_records SET source = 'Decision' WHERE id = '{line.Id()}'");
    }

    private static async Task<string[]> Names(HttpClient client, string url) =>
        [.. (await (await client.GetAsync(url)).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["name"]!)];

    [Fact]
    public async Task ListPublicAwards_WithoutAKey_ListsOnlyDecidedAwardsWithThePublicFields()
    {
        await Arrange();
        using var anonymous = Factory.ClientWithKey(null);

        var body = await (await anonymous.GetAsync(Url)).ExpectJson(HttpStatusCode.OK);

        var items = body["items"]!.AsArray();
        Assert.Equal(["Nguyễn Thị Hoa", "Sở Tài chính", "Trần Văn Bình"], items.Select(i => (string)i!["name"]!).Order());
        foreach (var item in items)
            Assert.Equal(["awardCode", "awardName", "decisionDate", "decisionNumber", "name", "unitName", "year"], item!.AsObject().Select(p => p.Key).Order());
        var hoa = items.Single(i => (string?)i!["name"] == "Nguyễn Thị Hoa")!;
        Assert.Equal("Sở Nội vụ", (string?)hoa["unitName"]);
        Assert.Equal("CN", (string?)hoa["awardCode"]);
        Assert.Equal("Danh hiệu CN", (string?)hoa["awardName"]);
        Assert.Equal(2025, (int)hoa["year"]!);
        Assert.Equal("2025/QĐ-UBND", (string?)hoa["decisionNumber"]);
        Assert.Equal("2026-01-15", (string?)hoa["decisionDate"]);
        Assert.DoesNotContain("1980", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lê Văn Cũ", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2025, (int)items[0]!["year"]!); // newest year first
    }

    [Theory]
    [InlineData("?year=2024", "Trần Văn Bình")]
    [InlineData("?awardCode=tt", "Sở Tài chính")]
    [InlineData("?unitCode=snv", "Nguyễn Thị Hoa")]
    [InlineData("?unitCode=STC&year=2025", "Sở Tài chính")]
    public async Task ListPublicAwards_Filters_ByYearAwardAndUnit(string query, string expected)
    {
        await Arrange();
        using var anonymous = Factory.ClientWithKey(null);

        Assert.Equal([expected], await Names(anonymous, Url + query));
    }

    [Fact]
    public async Task ListPublicAwards_PagesWithoutLosingALine()
    {
        await Arrange();
        using var anonymous = Factory.ClientWithKey(null);

        var first = await Names(anonymous, Url + "?pageSize=2");
        var second = await Names(anonymous, Url + "?pageSize=2&page=2");

        Assert.Equal(2, first.Length);
        Assert.Equal(3, first.Concat(second).Distinct().Count());
    }

    [Fact]
    public async Task ListPublicAwards_DoesNotListDossiersUnderConsideration()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV");
        var dossier = await Client.CreateDossier("SNV", DossiersApi.Person("SNV", name: "Phạm Thị Xét"));
        await Client.Reach(dossier, "InCouncilReview");
        using var anonymous = Factory.ClientWithKey(null);

        Assert.Empty(await Names(anonymous, Url));
    }

    [Fact]
    public async Task ListPublicAwards_WithAnyKeyOrRole_AnswersTheSameList()
    {
        await Arrange();
        using var unknown = Factory.ClientWithKey("emk_unknown-key-0000000000000000");

        var response = await unknown.GetAsync(Url);

        Assert.Equal(3, (await response.ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Count);
        Assert.Equal(3, (await (await Client.GetAsync(Url)).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListPublicAwards_UnknownUnitOrBadYear_Returns400()
    {
        using var anonymous = Factory.ClientWithKey(null);

        await (await anonymous.GetAsync(Url + "?year=1800")).ExpectProblem(HttpStatusCode.BadRequest);
        await (await anonymous.GetAsync(Url + "?unitCode=NOPE")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListPublicAwards_OverTheAddressAllowance_Returns429ProblemWithRetryAfter()
    {
        await using var server = Factory.WithWebHostBuilder(b => b.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "2"));
        using var anonymous = server.CreateClient();
        anonymous.DefaultRequestHeaders.Remove("X-Api-Key");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Url)).StatusCode);
        var response = await anonymous.GetAsync(Url);

        var problem = await response.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", (string?)problem["detail"]);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a delay in seconds.");
    }
}

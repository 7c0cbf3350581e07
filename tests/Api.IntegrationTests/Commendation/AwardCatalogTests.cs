using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;
using EmulationApi.Application.Commendation;
using EmulationApi.Infrastructure.Seed;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class AwardCatalogTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<LoadCatalogResult> LoadSeed()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new LoadCatalogCommand(CommendationCatalog.Awards, CommendationCatalog.Rules, CommendationCatalog.BaseSalaries));
    }

    [Fact]
    public async Task LoadCatalog_WhenRunTwice_CreatesTheCitedEntriesOnceAndKeepsAnAdminsEdit()
    {
        var first = await LoadSeed();
        var flag = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/ctd-ubnd")).ExpectJson(HttpStatusCode.OK);
        await Client.Send(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/CTD-UBND",
            CommendationApi.AwardBody("CTD-UBND", "Cờ thi đua của Ủy ban nhân dân tỉnh", rewardCoefficient: 9m, legalBasis: "sửa"), flag.ETag());

        var second = await LoadSeed();

        Assert.Equal(new LoadCatalogResult(CommendationCatalog.Awards.Count, 0, CommendationCatalog.Rules.Count, 0, 1, 0), first);
        Assert.Equal(new LoadCatalogResult(0, CommendationCatalog.Awards.Count, 0, CommendationCatalog.Rules.Count, 0, 1), second);
        Assert.Equal("Cờ thi đua của Ủy ban nhân dân tỉnh", (string?)flag["name"]);
        Assert.Equal(8.0m, (decimal)flag["rewardCoefficient"]!);
        Assert.Contains("Điều 54 Nghị định 98/2023/NĐ-CP", (string?)flag["legalBasis"]);
        Assert.True((bool)flag["fromLaw"]!);
        var after = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/CTD-UBND")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(9m, (decimal)after["rewardCoefficient"]!);
        Assert.Equal(CommendationCatalog.Awards.Count, (int)(await (await Client.GetAsync(CommendationApi.AwardsUrl)).ExpectJson(HttpStatusCode.OK))["totalCount"]!);
    }

    [Fact]
    public async Task ListAwards_FiltersByCategoryRecipientLevelAndType_InCodeOrder()
    {
        await Client.CreateAward("B-IND", recipient: "Individual", types: ["Regular", "AdHoc"]);
        await Client.CreateAward("A-COL", recipient: "Collective", types: ["Regular"], level: "Unit");
        await Client.CreateAward("C-FORM", recipient: "Collective", types: ["Movement"], category: "CommendationForm");

        async Task<string[]> Codes(string query) =>
            [.. (await (await Client.GetAsync($"{CommendationApi.AwardsUrl}{query}")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["code"]!)];

        Assert.Equal(["A-COL", "B-IND", "C-FORM"], await Codes(""));
        Assert.Equal(["A-COL", "B-IND"], await Codes("?type=Regular"));
        Assert.Equal(["B-IND"], await Codes("?type=AdHoc"));
        Assert.Equal(["B-IND"], await Codes("?recipient=Individual"));
        Assert.Equal(["A-COL"], await Codes("?level=Unit"));
        Assert.Equal(["C-FORM"], await Codes("?category=CommendationForm"));
        Assert.Empty(await Codes("?category=CommendationForm&type=Regular"));
        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}?type=Often")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListAwards_WithTheETag_Answers304UntilTheCatalogChanges()
    {
        await Client.CreateAward("A");
        var first = await Client.GetAsync(CommendationApi.AwardsUrl);
        var etag = first.Headers.ETag!.Tag;

        var again = new HttpRequestMessage(HttpMethod.Get, CommendationApi.AwardsUrl);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(again);
        await Client.CreateAward("B");
        var changed = new HttpRequestMessage(HttpMethod.Get, CommendationApi.AwardsUrl);
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var fresh = await Client.SendAsync(changed);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(string.Empty, await notModified.Content.ReadAsStringAsync());
        Assert.Equal(2, (int)(await fresh.ExpectJson(HttpStatusCode.OK))["totalCount"]!);
        Assert.NotEqual(etag, fresh.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task CreateAward_StoresTheCodeUpperCase_AndADuplicateCodeIs409()
    {
        var award = await Client.CreateAward("bk-ubnd", recipient: "Individual", rewardCoefficient: 1.0m, category: "CommendationForm");

        var problem = await (await Client.PostJson(CommendationApi.AwardsUrl, CommendationApi.AwardBody("BK-UBND"))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("BK-UBND", (string?)award["code"]);
        Assert.False((bool)award["fromLaw"]!);
        Assert.Contains("already in the catalog", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("""{"code":"","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province"}""", "code")]
    [InlineData("""{"code":"A B","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province"}""", "code")]
    [InlineData("""{"code":".","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province"}""", "code")]
    [InlineData("""{"code":"..","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province"}""", "code")]
    [InlineData("""{"code":"A","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province","rewardCoefficient":-1}""", "rewardCoefficient")]
    [InlineData("""{"code":"A","name":"x","category":"EmulationTitle","recipient":"Collective","level":"Province","rewardCoefficient":1000.001}""", "rewardCoefficient")]
    [InlineData("""{"code":"A","name":"x","category":"EmulationTitle","recipient":"Collective"}""", "level")]
    public async Task CreateAward_WhenInvalid_Returns400OnTheField(string json, string field)
    {
        var problem = await (await Client.PostAsync(CommendationApi.AwardsUrl, TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM awards"));
    }

    [Fact]
    public async Task UpdateAward_WithAStaleIfMatch_Returns412AndKeepsTheWinnersChange()
    {
        var award = await Client.CreateAward("A");
        var first = await Client.Send(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/A", CommendationApi.AwardBody("A", "Tên mới"), award.ETag());
        var second = await Client.Send(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/A", CommendationApi.AwardBody("A", "Tên khác"), award.ETag());

        Assert.Equal("Tên mới", (string?)(await first.ExpectJson(HttpStatusCode.OK))["name"]);
        await second.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Tên mới", (string?)(await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/a")).ExpectJson(HttpStatusCode.OK))["name"]);
    }

    [Fact]
    public async Task UpdateAward_ToAnotherEntrysCode_Returns409()
    {
        await Client.CreateAward("A");
        await Client.CreateAward("B");

        var problem = await (await Client.Send(HttpMethod.Put, $"{CommendationApi.AwardsUrl}/A", CommendationApi.AwardBody("B"))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("'B'", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetAward_WhenUnknown_Returns404()
    {
        var problem = await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/NOPE")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains("NOPE", (string?)problem["detail"]);
    }

    [Fact]
    public async Task DeleteAward_WhenUnusedAndAdminCreated_Returns204()
    {
        var award = await Client.CreateAward("A");

        var response = await Client.Send(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/A", ifMatch: award.ETag());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/A")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAward_WhenTheRegisterHoldsIt_Returns409AndKeepsIt()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateAward("A");
        await Client.Record("A", 2024, "SNV");

        var problem = await (await Client.Send(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/A")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("register", (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM awards"));
    }

    [Fact]
    public async Task DeleteAward_WhenADossierAsksForIt_Returns409AndKeepsIt()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var award = await Client.CreateAward("A");
        await Client.CreateDossier("SNV", DossiersApi.UnitNominee("SNV", "A"));

        var problem = await (await Client.Send(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/A", ifMatch: award.ETag())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("nomination dossier", (string?)problem["detail"]);
        await (await Client.GetAsync($"{CommendationApi.AwardsUrl}/A")).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteAward_WhenLoadedFromTheLaw_Returns409()
    {
        await LoadSeed();

        var problem = await (await Client.Send(HttpMethod.Delete, $"{CommendationApi.AwardsUrl}/CSTD-TINH")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("defined by the law", (string?)problem["detail"]);
    }

    [Fact]
    public async Task WriteAward_ForAnEditor_Returns403AndWritesNothing()
    {
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor"));

        await (await editor.PostJson(CommendationApi.AwardsUrl, CommendationApi.AwardBody("A"))).ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await editor.GetAsync(CommendationApi.AwardsUrl)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(0, (int)list["totalCount"]!);
    }
}

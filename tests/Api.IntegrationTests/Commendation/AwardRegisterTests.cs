using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class AwardRegisterTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task Arrange()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        await Client.CreateAward("TT", recipient: "Collective");
        await Client.CreateAward("CN", recipient: "Individual");
    }

    private async Task<string[]> Lines(string url) =>
        [.. (await (await Client.GetAsync(url)).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => $"{i!["award"]!["code"]} {i["year"]} {i["unit"]!["code"]} {i["personName"]}".Trim())];

    [Fact]
    public async Task CreateAwardRecord_ForAPerson_ReturnsTheLineAsHistory()
    {
        await Arrange();

        var body = await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("cn", 2024, "snv", "Nguyễn Thị Hoa", 1980)))
            .ExpectJson(HttpStatusCode.Created);

        Assert.Equal("CN", (string?)body["award"]!["code"]);
        Assert.Equal("SNV", (string?)body["unit"]!["code"]);
        Assert.Equal("Nguyễn Thị Hoa", (string?)body["personName"]);
        Assert.Equal(1980, (int)body["personBirthYear"]!);
        Assert.Equal("History", (string?)body["source"]);
        Assert.Equal("123/QĐ-UBND", (string?)body["decision"]!["number"]);
        Assert.Equal("2025-01-15", (string?)body["decision"]!["date"]);
    }

    [Theory]
    [InlineData("CN", null, "name the person")]
    [InlineData("TT", "Nguyễn Văn A", "collectives")]
    public async Task CreateAwardRecord_WhenTheRecipientDoesNotFitTheAward_Returns409(string award, string? person, string detail)
    {
        await Arrange();

        var problem = await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody(award, 2024, "SNV", person))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(detail, (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM award_records"));
    }

    [Fact]
    public async Task CreateAwardRecord_WhenTheDecisionPrecedesTheYear_Returns409()
    {
        await Arrange();

        var problem = await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("TT", 2024, "SNV", decisionDate: "2023-12-31")))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("before the year", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("NOPE", "SNV", "awardCode")]
    [InlineData("TT", "XYZ", "unitCode")]
    public async Task CreateAwardRecord_WithAnUnknownReference_Returns400OnTheField(string award, string unit, string field)
    {
        await Arrange();

        var problem = await (await Client.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody(award, 2024, unit))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task ListAwardRecords_FiltersByUnitAwardYearsAndName_NewestYearFirst()
    {
        await Arrange();
        await Client.Record("TT", 2022, "SNV");
        await Client.Record("TT", 2024, "SNV");
        await Client.Record("TT", 2024, "STC");
        await Client.Record("CN", 2023, "SNV", "Nguyễn Thị Hoa");
        await Client.Record("CN", 2023, "STC", "Trần Văn Bình");

        Assert.Equal(["TT 2024 SNV", "CN 2023 SNV Nguyễn Thị Hoa", "TT 2022 SNV"], await Lines($"{CommendationApi.RegisterUrl}?unitCode=snv"));
        Assert.Equal(["TT 2024 SNV", "TT 2024 STC"], await Lines($"{CommendationApi.RegisterUrl}?awardCode=TT&fromYear=2023").ContinueWith(t => t.Result.Order().ToArray()));
        Assert.Equal(["TT 2022 SNV"], await Lines($"{CommendationApi.RegisterUrl}?toYear=2022"));
        Assert.Equal(["CN 2023 SNV Nguyễn Thị Hoa"], await Lines($"{CommendationApi.RegisterUrl}?personName=thi%20hoa"));
        await (await Client.GetAsync($"{CommendationApi.RegisterUrl}?fromYear=2025&toYear=2024")).ExpectProblem(HttpStatusCode.BadRequest);
        await (await Client.GetAsync($"{CommendationApi.RegisterUrl}?unitCode=XYZ")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListUnitAwardHistory_ReturnsTheUnitsLines_AndAnUnknownUnitIs404()
    {
        await Arrange();
        await Client.Record("TT", 2024, "SNV");
        await Client.Record("TT", 2024, "STC");

        Assert.Equal(["TT 2024 STC"], await Lines("/api/v1/commendation/units/stc/awards"));
        await (await Client.GetAsync("/api/v1/commendation/units/XYZ/awards")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListAwardRecords_WithTheETag_Answers304UntilALineIsAdded()
    {
        await Arrange();
        var etag = (await Client.GetAsync(CommendationApi.RegisterUrl)).ETag();

        var same = new HttpRequestMessage(HttpMethod.Get, CommendationApi.RegisterUrl);
        same.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(same);
        await Client.Record("TT", 2024, "SNV");
        var after = new HttpRequestMessage(HttpMethod.Get, CommendationApi.RegisterUrl);
        after.Headers.TryAddWithoutValidation("If-None-Match", etag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(1, (int)(await (await Client.SendAsync(after)).ExpectJson(HttpStatusCode.OK))["totalCount"]!);
    }

    [Fact]
    public async Task CreateAwardRecord_ForAReaderOrAUnitClient_Returns403_ForAnEditor201()
    {
        await Arrange();
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));
        using var unit = Factory.ClientWithKey(await Client.CreateKey("Unit", "SNV"));
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor"));

        await (await reader.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("TT", 2024, "SNV"))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await unit.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("TT", 2024, "SNV"))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await editor.PostJson(CommendationApi.RegisterUrl, CommendationApi.RecordBody("TT", 2024, "SNV"))).ExpectJson(HttpStatusCode.Created);
        var read = await (await reader.GetAsync(CommendationApi.RegisterUrl)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(1, (int)read["totalCount"]!);
    }
}

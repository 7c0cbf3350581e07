using System.Globalization;
using System.Net;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class CreateUnitTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreateUnit_WhenValid_Returns201WithLocationETagAndBody()
    {
        var response = await Client.PostJson(UnitsApi.Url, new
        {
            code = "SNV", name = "Sở Nội vụ", kind = "Department", shortName = "SNV",
            documentExchangeId = "000.00.12.H07", aliases = new[] { "Sở Nội vụ.", "Sở Nội vụ tỉnh Bắc Ninh" },
        });

        var body = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/units/{body["id"]}", response.Headers.Location?.ToString());
        Assert.Equal($"\"{body["version"]}\"", response.Headers.ETag?.Tag);
        Assert.Equal("SNV", (string?)body["code"]);
        Assert.Equal("Sở Nội vụ", (string?)body["name"]);
        Assert.Equal("Department", (string?)body["kind"]);
        Assert.Equal("000.00.12.H07", (string?)body["documentExchangeId"]);
        Assert.Equal(["Sở Nội vụ.", "Sở Nội vụ tỉnh Bắc Ninh"], body["aliases"]!.AsArray().Select(a => (string?)a));
        Assert.True((bool)body["isActive"]!);
        Assert.Null(body["parentId"]);
        Assert.True(DateTimeOffset.Parse((string)body["createdAt"]!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task CreateUnit_WhenNameArrivesInNfd_StoresNfc()
    {
        var nfd = "Phường Kinh Bắc".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Phường Kinh Bắc", nfd);

        var body = await Client.CreateUnit("P-KINHBAC", "  " + nfd + "  ", "Ward");

        Assert.Equal("Phường Kinh Bắc", (string?)body["name"]);
        Assert.True(((string)body["name"]!).IsNormalized(NormalizationForm.FormC));
        var stored = await Factory.ScalarAsync<string>("SELECT name FROM units WHERE code = 'P-KINHBAC'");
        Assert.Equal("Phường Kinh Bắc", stored);
    }

    [Fact]
    public async Task CreateUnit_WhenCodeExistsInOtherCase_Returns409()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.PostJson(UnitsApi.Url, new { code = "snv", name = "Khác", kind = "Department" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("already exists", (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task CreateUnit_WhenFieldsInvalid_Returns400WithErrorsPerField()
    {
        var problem = await (await Client.PostJson(UnitsApi.Url, new
        {
            code = "bad code!", name = "   ", kind = "Department", shortName = new string('x', 101),
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Contains("code", errors.Select(e => e.Key));
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.Contains("shortName", errors.Select(e => e.Key));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task CreateUnit_WhenKindUnknown_Returns400NamingTheFieldAndValues()
    {
        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json("""{"code":"X1","name":"X","kind":"Ministry"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var message = (string?)problem["errors"]!["kind"]![0];
        Assert.Contains("Department", message);
        Assert.Contains("Ward", message);
    }

    [Theory]
    [InlineData("""{"code":"X1","name":"X","kind":"Department" """, "body")]
    [InlineData("""{"code":"X1","name":123,"kind":"Department"}""", "name")]
    [InlineData("""[1,2,3]""", "body")]
    public async Task CreateUnit_WhenBodyMalformed_Returns400NotServerError(string json, string field)
    {
        var problem = await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.DoesNotContain("Exception", problem.ToJsonString());
    }

    [Fact]
    public async Task CreateUnit_WhenBodyMissing_Returns400()
    {
        var problem = await (await Client.PostAsync(UnitsApi.Url, new StringContent("", Encoding.UTF8, "application/json")))
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["detail"]);
    }

    [Fact]
    public async Task CreateUnit_WhenParentCodeUnknown_Returns400OnParentCode()
    {
        var problem = await (await Client.PostJson(UnitsApi.Url, new { code = "C1", name = "Con", kind = "Other", parentCode = "NOPE" }))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("NOPE", (string?)problem["errors"]!["parentCode"]![0]);
    }

    [Fact]
    public async Task CreateUnit_WhenParentGivenByCodeInOtherCase_LinksParent()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");

        var child = await Client.CreateUnit("VP-UBND", "Văn phòng UBND tỉnh", "Department", parentCode: "ubnd");

        Assert.Equal((string?)parent["id"], (string?)child["parentId"]);
        Assert.Equal("UBND", (string?)child["parentCode"]);
    }

    [Fact]
    public async Task CreateUnit_WhenBodyOverOneMegabyte_Returns413()
    {
        var huge = $$"""{"code":"X1","name":"{{new string('x', 1_100_000)}}","kind":"Department"}""";

        await (await Client.PostAsync(UnitsApi.Url, TestHttp.Json(huge))).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
    }
}

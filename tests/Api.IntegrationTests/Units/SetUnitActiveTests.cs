using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class SetUnitActiveTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Deactivate(object id) => Client.PostAsync($"{UnitsApi.Url}/{id}/deactivate", null);

    private Task<HttpResponseMessage> Activate(object id) => Client.PostAsync($"{UnitsApi.Url}/{id}/activate", null);

    private Task<bool> StoredIsActive(string code) => Factory.ScalarAsync<bool>($"SELECT is_active FROM units WHERE code = '{code}'");

    [Fact]
    public async Task DeactivateUnit_WhenActive_Returns200WithIsActiveFalseAndListsItAsInactive()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");

        var body = await (await Deactivate(unit["id"]!)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal((string?)unit["id"], (string?)body["id"]);
        Assert.Equal("SNV", (string?)body["code"]);
        Assert.Equal("Sở Nội vụ", (string?)body["name"]);
        Assert.False((bool)body["isActive"]!);
        Assert.NotEqual((uint)unit["version"]!, (uint)body["version"]!);
        Assert.False(await StoredIsActive("SNV"));
        var inactive = await (await Client.GetAsync($"{UnitsApi.Url}?active=false")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["SNV"], inactive["items"]!.AsArray().Select(i => (string?)i!["code"]));
        var active = await (await Client.GetAsync($"{UnitsApi.Url}?active=true")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["STC"], active["items"]!.AsArray().Select(i => (string?)i!["code"]));
    }

    [Fact]
    public async Task DeactivateUnit_WhenAlreadyInactive_Returns409AndStaysInactive()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        await (await Deactivate(unit["id"]!)).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Deactivate(unit["id"]!)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("already inactive", (string?)problem["detail"]);
        Assert.False(await StoredIsActive("SNV"));
    }

    [Fact]
    public async Task ActivateUnit_WhenInactive_Returns200WithIsActiveTrue()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        await (await Deactivate(unit["id"]!)).ExpectJson(HttpStatusCode.OK);

        var body = await (await Activate(unit["id"]!)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal((string?)unit["id"], (string?)body["id"]);
        Assert.True((bool)body["isActive"]!);
        Assert.True(await StoredIsActive("SNV"));
        Assert.True((bool)(await Client.GetUnitByCode("SNV"))["isActive"]!);
    }

    [Fact]
    public async Task ActivateUnit_WhenAlreadyActive_Returns409()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Activate(unit["id"]!)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("already active", (string?)problem["detail"]);
        Assert.True(await StoredIsActive("SNV"));
    }

    [Fact]
    public async Task DeactivateUnit_WhenItHasChildren_KeepsThemAndTheirLink()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        await Client.CreateUnit("VP", "Văn phòng", parentCode: "UBND");

        var body = await (await Deactivate(parent["id"]!)).ExpectJson(HttpStatusCode.OK);

        Assert.False((bool)body["isActive"]!);
        var child = await Client.GetUnitByCode("VP");
        Assert.Equal((string?)parent["id"], (string?)child["parentId"]);
        Assert.True((bool)child["isActive"]!);
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("activate")]
    public async Task SetUnitActive_WhenIdUnknown_Returns404Problem(string action)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();

        var problem = await (await Client.PostAsync($"{UnitsApi.Url}/{id}/{action}", null)).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.True(await StoredIsActive("SNV"));
    }
}

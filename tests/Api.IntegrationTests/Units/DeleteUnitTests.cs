using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class DeleteUnitTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task DeleteUnit_WhenLeaf_Returns204AndTheUnitIsGone()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");

        var response = await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await (await Client.GetAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"{UnitsApi.Url}/by-code/SNV")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'SNV'"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'STC'"));
    }

    [Fact]
    public async Task DeleteUnit_WhenLeaf_FreesItsCodeForANewUnit()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).StatusCode);

        var again = await Client.CreateUnit("snv", "Sở Nội vụ (đăng ký lại)");

        Assert.NotEqual((string?)unit["id"], (string?)again["id"]);
        Assert.Equal("snv", (string?)again["code"]);
    }

    [Fact]
    public async Task DeleteUnit_WhenItHasAChild_Returns409AndKeepsBoth()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        await Client.CreateUnit("VP", "Văn phòng", parentCode: "UBND");

        var problem = await (await Client.DeleteAsync($"{UnitsApi.Url}/{parent["id"]}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Deactivate", (string?)problem["detail"]);
        var still = await (await Client.GetAsync($"{UnitsApi.Url}/{parent["id"]}")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("UBND", (string?)still["code"]);
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal((string?)parent["id"], (string?)(await Client.GetUnitByCode("VP"))["parentId"]);
    }

    [Fact]
    public async Task DeleteUnit_WhenChildDeletedFirst_DeletesTheParentToo()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        var child = await Client.CreateUnit("VP", "Văn phòng", parentCode: "UBND");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{child["id"]}")).StatusCode);
        var response = await Client.DeleteAsync($"{UnitsApi.Url}/{parent["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task DeleteUnit_WhenIdUnknown_Returns404Problem()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();

        var problem = await (await Client.DeleteAsync($"{UnitsApi.Url}/{id}")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task DeleteUnit_WhenDeletedTwice_Returns404TheSecondTime()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).StatusCode);

        await (await Client.DeleteAsync($"{UnitsApi.Url}/{unit["id"]}")).ExpectProblem(HttpStatusCode.NotFound);
    }
}

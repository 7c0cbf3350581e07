using System.Net;
using System.Net.Http.Headers;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class GetUnitTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task GetUnit_WhenIdExists_Returns200WithETagAndBody()
    {
        var parent = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        var created = await Client.CreateUnit("SNV", "Sở Nội vụ", "Department", parentCode: "UBND", aliases: ["Sở Nội vụ tỉnh"]);

        var response = await Client.GetAsync($"{UnitsApi.Url}/{created["id"]}");

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)created["id"], (string?)body["id"]);
        Assert.Equal("SNV", (string?)body["code"]);
        Assert.Equal("Sở Nội vụ", (string?)body["name"]);
        Assert.Equal("Department", (string?)body["kind"]);
        Assert.Equal((string?)parent["id"], (string?)body["parentId"]);
        Assert.Equal("UBND", (string?)body["parentCode"]);
        Assert.Equal(["Sở Nội vụ tỉnh"], body["aliases"]!.AsArray().Select(a => (string?)a));
        Assert.True((bool)body["isActive"]!);
        Assert.Equal((uint)created["version"]!, (uint)body["version"]!);
        Assert.Equal($"\"{body["version"]}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task GetUnitByCode_WhenCodeInOtherCase_ReturnsTheUnitWithETag()
    {
        var created = await Client.CreateUnit("Snv-01", "Sở Nội vụ");
        await Client.CreateUnit("SNV-02", "Sở khác");

        var response = await Client.GetAsync($"{UnitsApi.Url}/by-code/sNV-01");

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)created["id"], (string?)body["id"]);
        Assert.Equal("Snv-01", (string?)body["code"]);
        Assert.Equal($"\"{created["version"]}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task GetUnit_WhenIdUnknown_Returns404Problem()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var id = Guid.NewGuid();

        var problem = await (await Client.GetAsync($"{UnitsApi.Url}/{id}")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetUnitByCode_WhenCodeUnknown_Returns404Problem()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.GetAsync($"{UnitsApi.Url}/by-code/SNV2")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains("SNV2", (string?)problem["detail"]);
    }

    [Fact]
    public async Task GetUnit_WhenIfNoneMatchHoldsCurrentETag_Returns304WithoutBody()
    {
        var created = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var etag = $"\"{created["version"]}\"";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{UnitsApi.Url}/{created["id"]}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetUnitByCode_WhenIfNoneMatchHoldsCurrentETag_Returns304WithoutBody()
    {
        var created = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var etag = $"\"{created["version"]}\"";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{UnitsApi.Url}/by-code/snv");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetUnit_WhenIfNoneMatchHoldsStaleETag_Returns200WithNewETag()
    {
        var created = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var staleETag = $"\"{created["version"]}\"";
        await (await Client.PutAsync($"{UnitsApi.Url}/{created["id"]}",
            TestHttp.Json("""{"name":"Sở Nội vụ tỉnh","kind":"Department"}"""))).ExpectJson(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{UnitsApi.Url}/{created["id"]}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(staleETag));
        var response = await Client.SendAsync(request);

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Sở Nội vụ tỉnh", (string?)body["name"]);
        Assert.NotEqual(staleETag, response.Headers.ETag?.Tag);
        Assert.Equal($"\"{body["version"]}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task GetUnit_WhenIdIsNotAGuid_Returns404Problem()
    {
        await (await Client.GetAsync($"{UnitsApi.Url}/not-a-guid")).ExpectProblem(HttpStatusCode.NotFound);
    }
}

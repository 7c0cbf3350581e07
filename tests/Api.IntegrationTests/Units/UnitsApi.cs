using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>Small helpers the unit tests share to arrange data through the API itself.</summary>
public static class UnitsApi
{
    public const string Url = "/api/v1/units";

    public static async Task<JsonNode> CreateUnit(this HttpClient client, string code, string name, string kind = "Department",
        string? parentCode = null, string[]? aliases = null)
    {
        var response = await client.PostJson(Url, new { code, name, kind, parentCode, aliases });
        return await response.ExpectJson(HttpStatusCode.Created);
    }

    public static async Task<JsonNode> GetUnitByCode(this HttpClient client, string code) =>
        await (await client.GetAsync($"{Url}/by-code/{Uri.EscapeDataString(code)}")).ExpectJson(HttpStatusCode.OK);
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Helpers the commendation tests share to arrange data through the API itself.</summary>
public static class CommendationApi
{
    public const string AwardsUrl = "/api/v1/commendation/awards";
    public const string SalariesUrl = "/api/v1/commendation/base-salaries";
    public const string RegisterUrl = "/api/v1/commendation/register";

    public static object AwardBody(string code, string name = "Danh hiệu thử", string category = "EmulationTitle", string recipient = "Collective",
        string level = "Province", string[]? types = null, decimal? rewardCoefficient = null, string? legalBasis = null) =>
        new { code, name, category, recipient, level, types, rewardCoefficient, legalBasis };

    public static async Task<JsonNode> CreateAward(this HttpClient client, string code, string recipient = "Collective", decimal? rewardCoefficient = null,
        string[]? types = null, string level = "Province", string category = "EmulationTitle") =>
        await (await client.PostJson(AwardsUrl, AwardBody(code, $"Danh hiệu {code}", category, recipient, level, types, rewardCoefficient))).ExpectJson(HttpStatusCode.Created);

    public static object RecordBody(string awardCode, int year, string unitCode, string? personName = null, int? personBirthYear = null,
        string decisionNumber = "123/QĐ-UBND", string? decisionDate = null, string? decisionSigner = "Chủ tịch UBND tỉnh") =>
        new { awardCode, year, unitCode, personName, personBirthYear, decisionNumber, decisionDate = decisionDate ?? $"{year + 1}-01-15", decisionSigner, note = (string?)null };

    public static async Task<JsonNode> Record(this HttpClient client, string awardCode, int year, string unitCode, string? personName = null) =>
        await (await client.PostJson(RegisterUrl, RecordBody(awardCode, year, unitCode, personName))).ExpectJson(HttpStatusCode.Created);

    public static async Task<JsonNode> CreateSalary(this HttpClient client, string effectiveFrom, long amount, string legalBasis = "Nghị định thử") =>
        await (await client.PostJson(SalariesUrl, new { effectiveFrom, amount, legalBasis })).ExpectJson(HttpStatusCode.Created);
}

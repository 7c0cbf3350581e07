using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Helpers the dossier tests share: a small catalog written straight to the awards table (the catalog's admin
/// endpoints are another slice's), units, dossiers and steps through the API.</summary>
public static class DossiersApi
{
    public const string Url = "/api/v1/dossiers";

    /// <summary>Codes of the test catalog: a person's and a collective's provincial award, the provincial flag, a state order.</summary>
    public const string PersonAward = "BK-CN", CollectiveAward = "BK-TT", Flag = "CTD-UBND", StateAward = "HCLD3";

    public static async Task SeedAwards(this ApiFactory factory)
    {
        foreach (var (code, name, recipient, level) in new[]
                 {
                     (PersonAward, "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", "Individual", "Province"),
                     (CollectiveAward, "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", "Collective", "Province"),
                     (Flag, "Cờ thi đua của UBND tỉnh", "Collective", "Province"),
                     (StateAward, "Huân chương Lao động hạng Ba", "Individual", "State"),
                 })
        {
            await factory.ScalarAsync<string>($"""
                INSERT INTO awards (id, code, name, category, recipient, level, types)
                VALUES (gen_random_uuid(), '{code}', '{name}', 'CommendationForm', '{recipient}', '{level}', ARRAY[]::text[]) RETURNING code
                """);
        }
    }

    public static object Person(string unitCode, string award = PersonAward, string name = "Nguyễn Văn An", string category = "DirectWorker", string? position = "Công nhân") =>
        new { kind = "Individual", unitCode, name, category, position, awardCode = award, achievements = "Hoàn thành xuất sắc nhiệm vụ năm 2026." };

    public static object UnitNominee(string unitCode, string award = CollectiveAward) =>
        new { kind = "Unit", unitCode, awardCode = award, achievements = "Dẫn đầu phong trào thi đua." };

    public static object SmallCollective(string unitCode, string name = "Tổ sản xuất số 3", string collectiveKind = "Team", string award = CollectiveAward) =>
        new { kind = "SmallCollective", unitCode, name, collectiveKind, awardCode = award, achievements = "Tập thể nhỏ tiêu biểu." };

    public static object Body(string proposingUnitCode, object[] nominees, int year = 2026, string type = "Regular", string? period = null,
        string? movementId = null, string? clusterId = null) =>
        new { proposingUnitCode, year, period, type, movementId, clusterId, nominees };

    public static async Task<JsonNode> CreateDossier(this HttpClient client, string proposingUnitCode, params object[] nominees) =>
        await (await client.PostJson(Url, Body(proposingUnitCode, nominees.Length == 0 ? [Person(proposingUnitCode)] : nominees))).ExpectJson(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Step(this HttpClient client, string id, string action, object? body = null, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{id}/{action}", body ?? new { documentReference = $"Văn bản {action}" }, ifMatch);

    public static object ReturnBody(string resubmitBy = "2026-12-31", string reason = "Thiếu biên bản họp xét.") =>
        new { reason, resubmitBy, documentReference = "Công văn số 5/SNV-TĐKT" };

    public static object DecideBody(JsonNode dossier, string outcome = "Approved", string? reason = null) =>
        new
        {
            documentReference = "Quyết định số 123/QĐ-UBND",
            outcomes = dossier["nominees"]!.AsArray().Select(n => new { nomineeId = (string)n!["id"]!, outcome, reason }).ToArray(),
        };

    /// <summary>The steps that take a new dossier to each status, in order (the decision's body is built from the dossier).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PathTo = new Dictionary<string, string[]>
    {
        ["Draft"] = [],
        ["Submitted"] = ["submit"],
        ["Received"] = ["submit", "receive"],
        ["UnderAppraisal"] = ["submit", "receive", "start-appraisal"],
        ["Returned"] = ["submit", "receive", "start-appraisal", "return"],
        ["Appraised"] = ["submit", "receive", "start-appraisal", "appraise"],
        ["InCouncilReview"] = ["submit", "receive", "start-appraisal", "appraise", "refer-to-council"],
        ["Decided"] = ["submit", "receive", "start-appraisal", "appraise", "refer-to-council", "decide"],
    };

    public static async Task<JsonNode> Reach(this HttpClient client, JsonNode dossier, string status)
    {
        var current = dossier;
        foreach (var action in PathTo[status])
        {
            var body = action switch { "return" => ReturnBody(), "decide" => DecideBody(current), _ => null };
            current = await (await client.Step(current.Id(), action, body)).ExpectJson(HttpStatusCode.OK);
        }
        Assert.Equal(status, (string?)current["status"]);
        return current;
    }

    public static async Task<JsonNode> GetDossier(this HttpClient client, string id) =>
        await (await client.GetAsync($"{Url}/{id}")).ExpectJson(HttpStatusCode.OK);

}

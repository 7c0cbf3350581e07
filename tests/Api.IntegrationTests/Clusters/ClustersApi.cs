using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>Helpers the cluster tests share to arrange data through the API itself.</summary>
public static class ClustersApi
{
    public const string Url = "/api/v1/clusters";

    /// <summary>Creates units with these codes (named "Đơn vị {code}") in one bulk load.</summary>
    public static async Task CreateUnits(this HttpClient client, params string[] codes)
    {
        var csv = new StringBuilder("code,name,kind\n");
        foreach (var code in codes) csv.Append($"{code},Đơn vị {code},Commune\n");
        await (await client.PostAsync("/api/v1/units/import", TestHttp.Csv(csv.ToString()))).ExpectJson(HttpStatusCode.OK);
    }

    public static object[] Members(params (string Code, string Role)[] members) =>
        [.. members.Select(m => new { unitCode = m.Code, role = m.Role })];

    public static object ClusterBody(int year, string name, string kind = "Cluster", string scope = "Provincial", string? sector = null,
        (string Code, string Role)[]? members = null, string? decisionNumber = null, string? decisionDate = null) =>
        new { year, kind, scope, name, sector, decisionNumber, decisionDate, members = members is null ? null : Members(members) };

    public static async Task<JsonNode> CreateCluster(this HttpClient client, int year, string name, string kind = "Cluster", string scope = "Provincial",
        string? sector = null, (string Code, string Role)[]? members = null)
    {
        var response = await client.PostJson(Url, ClusterBody(year, name, kind, scope, sector, members));
        return await response.ExpectJson(HttpStatusCode.Created);
    }

    public static async Task<JsonNode> GetCluster(this HttpClient client, string id) =>
        await (await client.GetAsync($"{Url}/{id}")).ExpectJson(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> AssignMembers(this HttpClient client, string clusterId, (string Code, string Role)[] members, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{clusterId}/members", new { members = Members(members) }, ifMatch);

    /// <summary>Role by unit code, as the cluster answers it.</summary>
    public static IReadOnlyDictionary<string, string> Roles(this JsonNode cluster) =>
        cluster["members"]!.AsArray().ToDictionary(m => (string)m!["unit"]!["code"]!, m => (string)m!["role"]!);

    // Covenant (giao ước thi đua)

    public static object Criterion(string name, decimal maxPoints, string kind = "Standard") => new { name, maxPoints, kind };

    public static Task<HttpResponseMessage> SetCriteria(this HttpClient client, string clusterId, object[] criteria, string? ifMatch = null) =>
        client.Send(HttpMethod.Put, $"{Url}/{clusterId}/covenant", new { criteria }, ifMatch);

    public static Task<HttpResponseMessage> Sign(this HttpClient client, string clusterId, string signedOn = "2026-03-15", string[]? signatoryUnitCodes = null,
        string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{clusterId}/covenant/sign", new { signedOn, signatoryUnitCodes }, ifMatch);

    /// <summary>Scores, each naming its criterion by its position in the covenant's answer (sent as that criterion's id;
    /// a position the covenant lacks is sent as an id no criterion has).</summary>
    public static async Task<HttpResponseMessage> RecordScores(this HttpClient client, string clusterId, (string Code, int Criterion, decimal Points)[] scores,
        string? ifMatch = null)
    {
        var covenant = await client.GetCovenant(clusterId);
        return await client.RecordScoresById(clusterId, [.. scores.Select(s => (s.Code, CriterionId(covenant, s.Criterion), s.Points))], ifMatch);
    }

    public static Task<HttpResponseMessage> RecordScoresById(this HttpClient client, string clusterId, (string Code, string CriterionId, decimal Points)[] scores,
        string? ifMatch = null) =>
        client.Send(HttpMethod.Put, $"{Url}/{clusterId}/covenant/scores",
            new { scores = scores.Select(s => new { unitCode = s.Code, criterionId = s.CriterionId, points = s.Points }).ToArray() }, ifMatch);

    /// <summary>The id of the criterion at this position of the covenant, or an id no criterion has.</summary>
    public static string CriterionId(JsonNode covenant, int position) =>
        position >= 0 && position < covenant["criteria"]!.AsArray().Count ? (string)covenant["criteria"]![position]!["id"]! : NoSuchCriterion;

    public const string NoSuchCriterion = "0190e1a0-0000-7000-8000-000000000000";

    public static Task<HttpResponseMessage> Publish(this HttpClient client, string clusterId, string evaluatedOn = "2026-12-20", string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{clusterId}/covenant/publish", new { evaluatedOn }, ifMatch);

    public static async Task<JsonNode> GetCovenant(this HttpClient client, string clusterId) =>
        await (await client.GetAsync($"{Url}/{clusterId}/covenant")).ExpectJson(HttpStatusCode.OK);

    public static async Task<JsonNode> GetRanking(this HttpClient client, string clusterId) =>
        await (await client.GetAsync($"{Url}/{clusterId}/ranking")).ExpectJson(HttpStatusCode.OK);

    /// <summary>
    /// A provincial cluster of 2026 with members A (leader), B (deputy) and the other codes, and a covenant of three
    /// criteria: 0 "Nhiệm vụ chính trị" standard max 80, 1 "Điểm thưởng" bonus max 10, 2 "Điểm trừ" penalty max 10.
    /// </summary>
    public static async Task<JsonNode> CreateClusterWithCovenant(this HttpClient client, params string[] codes)
    {
        await client.CreateUnits(codes);
        var members = codes.Select((c, i) => (c, i == 0 ? "Leader" : i == 1 ? "Deputy" : "Member")).ToArray();
        var cluster = await client.CreateCluster(2026, "Cụm thi đua số 1", members: members);
        await (await client.SetCriteria(cluster.Id(), [
            Criterion("Nhiệm vụ chính trị", 80), Criterion("Điểm thưởng", 10, "Bonus"), Criterion("Điểm trừ", 10, "Penalty"),
        ])).ExpectJson(HttpStatusCode.OK);
        return cluster;
    }
}

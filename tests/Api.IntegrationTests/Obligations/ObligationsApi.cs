using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>Helpers the obligation tests share to arrange data through the API itself.</summary>
public static class ObligationsApi
{
    public const string Url = "/api/v1/obligations";

    /// <summary>Registers units of one kind in one bulk load (named "Đơn vị {code}").</summary>
    public static async Task RegisterUnits(this HttpClient client, string kind, params string[] codes)
    {
        var csv = new StringBuilder("code,name,kind\n");
        foreach (var code in codes) csv.Append($"{code},Đơn vị {code},{kind}\n");
        await (await client.PostAsync("/api/v1/units/import", TestHttp.Csv(csv.ToString()))).ExpectJson(HttpStatusCode.OK);
    }

    /// <summary>
    /// The seed units, wards P-DAPCAU and P-KINHBAC, commune X-PHUCHI, the provincial cluster of 2026 led by P-KINHBAC,
    /// then the 2026 plan's text, issued as "15/KH-UBND" on 2026-01-20. Returns the plan's tasks keyed (group, sequence).
    /// </summary>
    public static async Task<(string PlanId, IReadOnlyDictionary<(string Group, int Sequence), JsonNode> Tasks)> IssuedSeedPlanWithLocalities(this HttpClient client)
    {
        await client.LoadSeedUnits();
        await client.RegisterUnits("Ward", "P-DAPCAU", "P-KINHBAC");
        await client.RegisterUnits("Commune", "X-PHUCHI");
        await client.CreateCluster(2026, "Cụm thi đua số 1", members: [("P-KINHBAC", "Leader"), ("X-PHUCHI", "Member")]);
        var import = await (await client.ImportPlanText(PlansApi.SeedPlanText)).ExpectJson(HttpStatusCode.OK);
        var planId = (string)import["planId"]!;
        await client.IssuePlan(planId, "15/KH-UBND", "2026-01-20");
        return (planId, await client.SeedTasks());
    }

    /// <summary>GET /api/v1/obligations with a query string (without '?'), expecting 200.</summary>
    public static async Task<JsonNode> Obligations(this HttpClient client, string query) =>
        await (await client.GetAsync($"{Url}?{query}")).ExpectJson(HttpStatusCode.OK);

    public static async Task<JsonNode> Scorecard(this HttpClient client, string query) =>
        await (await client.GetAsync($"{Url}/summary?{query}")).ExpectJson(HttpStatusCode.OK);

    /// <summary>The unit's obligation on the task (any state), as the work list answers it.</summary>
    public static async Task<JsonNode> ObligationOf(this HttpClient client, string unitCode, object taskId, string? asOf = null) =>
        (await client.Obligations($"unitCode={unitCode}&state=Active&state=Withdrawn&pageSize=200{(asOf is null ? "" : $"&asOf={asOf}")}"))["items"]!.AsArray()
        .Single(o => (string?)o!["taskId"] == taskId.ToString())!;

    public static async Task<JsonNode> GetObligation(this HttpClient client, object id, string? asOf = null) =>
        await (await client.GetAsync($"{Url}/{id}{(asOf is null ? "" : $"?asOf={asOf}")}")).ExpectJson(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> Act(this HttpClient client, object id, string action, object? body = null, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{id}/{action}", body ?? new { }, ifMatch: ifMatch);

    public static Task<HttpResponseMessage> Extend(this HttpClient client, object id, string deadline, string reason = "Công văn số 12/SNV cho gia hạn.", string? ifMatch = null) =>
        client.Act(id, "extend", new { deadline, reason }, ifMatch);

    public static Task<HttpResponseMessage> Exempt(this HttpClient client, object id, string reason = "Đơn vị mới thành lập, chưa có bộ phận thi đua.", string? ifMatch = null) =>
        client.Act(id, "exempt", new { reason }, ifMatch);

    /// <summary>The page's items as (group, sequence, unit code).</summary>
    public static IReadOnlyList<(string Group, int Sequence, string Unit)> ObligationKeys(this JsonNode page) =>
        page["items"]!.AsArray().Select(o => ((string)o!["group"]!, (int)o["sequence"]!, (string)o["unit"]!["code"]!)).ToList();

    /// <summary>The counts as an array in the order of ObligationCountsDto.</summary>
    public static int[] Counts(this JsonNode counts) =>
        CountNames.Select(k => (int)counts[k]!).ToArray();

    /// <summary>The counts' names, in the order of ObligationCountsDto.</summary>
    public static readonly string[] CountNames =
        ["total", "withinDeadline", "dueSoon", "overdue", "doneOnTime", "doneLate", "noDeadline", "aroseLate", "exempted"];
}

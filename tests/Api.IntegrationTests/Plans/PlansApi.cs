using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Infrastructure.Seed;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>Helpers the plan and task tests share to arrange data through the API itself.</summary>
public static class PlansApi
{
    public const string Url = "/api/v1/plans";
    public const string TasksUrl = "/api/v1/tasks";
    public const string SeedTitle = "Công tác thi đua, khen thưởng năm 2026";

    // ---- assignees and timings as the API takes them ----
    public static object Unit(string code) => new { unitCode = code };
    public static object Group(string group) => new { group };
    public static object Month(int month, string? condition = null) => new { kind = "Month", month, condition };
    public static object Quarter(int quarter, string? condition = null) => new { kind = "Quarter", quarter, condition };
    public static object OnDate(string date, string? condition = null) => new { kind = "Date", date, condition };
    public static object Recurring(string? condition = null) => new { kind = "Recurring", condition };

    public static object TaskBody(string group = "Q1", int sequence = 1, string content = "Xây dựng kế hoạch thi đua",
        object? timing = null, object[]? leads = null, object[]? coordinators = null) =>
        new { group, sequence, content, timing = timing ?? Month(3), leads = leads ?? [Unit("SNV")], coordinators = coordinators ?? [] };

    // ---- plans ----
    public static async Task<JsonNode> CreatePlan(this HttpClient client, int year = 2025, string title = "Kế hoạch thử nghiệm",
        string? number = null, string? issueDate = null)
    {
        var response = await client.PostJson(Url, new { year, title, number, issueDate });
        return await response.ExpectJson(HttpStatusCode.Created);
    }

    public static async Task<JsonNode> GetPlan(this HttpClient client, object id) =>
        await (await client.GetAsync($"{Url}/{id}")).ExpectJson(HttpStatusCode.OK);

    public static async Task<JsonNode> IssuePlan(this HttpClient client, object planId, string number = "12/KH-UBND", string issueDate = "2025-01-10") =>
        await (await client.PostJson($"{Url}/{planId}/issue", new { number, issueDate })).ExpectJson(HttpStatusCode.OK);

    public static async Task<JsonNode> ClosePlan(this HttpClient client, object planId) =>
        await (await client.PostAsync($"{Url}/{planId}/close", null)).ExpectJson(HttpStatusCode.OK);

    // ---- tasks ----
    public static Task<HttpResponseMessage> PostTask(this HttpClient client, object planId, object body) =>
        client.PostJson($"{Url}/{planId}/tasks", body);

    public static async Task<JsonNode> CreateTask(this HttpClient client, object planId, string group = "Q1", int sequence = 1,
        string content = "Xây dựng kế hoạch thi đua", object? timing = null, object[]? leads = null, object[]? coordinators = null) =>
        await (await client.PostTask(planId, TaskBody(group, sequence, content, timing, leads, coordinators))).ExpectJson(HttpStatusCode.Created);

    public static async Task<JsonNode> GetTask(this HttpClient client, object id, string? asOf = null) =>
        await (await client.GetAsync($"{TasksUrl}/{id}{(asOf is null ? "" : $"?asOf={asOf}")}")).ExpectJson(HttpStatusCode.OK);

    /// <summary>GET /api/v1/tasks with a query string (without '?'), expecting 200.</summary>
    public static async Task<JsonNode> Feed(this HttpClient client, string query = "") =>
        await (await client.GetAsync($"{TasksUrl}?{query}")).ExpectJson(HttpStatusCode.OK);

    public static IReadOnlyList<(string Group, int Sequence)> Keys(this JsonNode page) =>
        page["items"]!.AsArray().Select(t => ((string)t!["group"]!, (int)t["sequence"]!)).ToList();

    // ---- progress ----
    public static Task<HttpResponseMessage> PostReport(this HttpClient client, object taskId, string status, string reportedOn,
        string unitCode = "SNV", string text = "Đã triển khai theo kế hoạch.", string[]? evidenceLinks = null, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{TasksUrl}/{taskId}/progress",
            new { reportedOn, reportingUnitCode = unitCode, status, text, evidenceLinks }, ifMatch: ifMatch);

    public static async Task<JsonNode> Report(this HttpClient client, object taskId, string status, string reportedOn,
        string unitCode = "SNV", string text = "Đã triển khai theo kế hoạch.", string[]? evidenceLinks = null) =>
        await (await client.PostReport(taskId, status, reportedOn, unitCode, text, evidenceLinks)).ExpectJson(HttpStatusCode.Created);

    // ---- seed data ----
    public static async Task LoadSeedUnits(this HttpClient client)
    {
        var response = await client.PostAsync("/api/v1/units/import", TestHttp.Csv(SeedData.ReadText(SeedData.UnitsCsv)));
        Assert.True((int)(await response.ExpectJson(HttpStatusCode.OK))["created"]! > 0);
    }

    public static StringContent PlainText(string text, string mediaType = "text/plain") => new(text, new UTF8Encoding(false), mediaType);

    public static Task<HttpResponseMessage> ImportPlanText(this HttpClient client, string text, string mediaType = "text/plain") =>
        client.PostAsync($"{Url}/import", PlainText(text, mediaType));

    public static string SeedPlanText => SeedData.ReadText(SeedData.Plan2026);

    /// <summary>Loads the seed units, then the 2026 plan; returns the import's answer.</summary>
    public static async Task<JsonNode> ImportSeedPlan(this HttpClient client, bool withUnits = true)
    {
        if (withUnits) await client.LoadSeedUnits();
        return await (await client.ImportPlanText(SeedPlanText)).ExpectJson(HttpStatusCode.OK);
    }

    /// <summary>The seed plan's tasks keyed by (group, sequence), as the feed shows them.</summary>
    public static async Task<IReadOnlyDictionary<(string Group, int Sequence), JsonNode>> SeedTasks(this HttpClient client, string? asOf = null)
    {
        var page = await client.Feed($"year=2026&pageSize=200{(asOf is null ? "" : $"&asOf={asOf}")}");
        return page["items"]!.AsArray().ToDictionary(t => ((string)t!["group"]!, (int)t["sequence"]!), t => t!);
    }

    // ---- HTTP plumbing ----
    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null,
        string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: TestHttp.JsonOptions);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }

    public static string ETag(this HttpResponseMessage response)
    {
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        return response.Headers.ETag.Tag;
    }

    /// <summary>An instant as a query value: ISO 8601, escaped (a '+' offset must not turn into a space).</summary>
    public static string Instant(DateTimeOffset value) => Uri.EscapeDataString(value.ToString("O", CultureInfo.InvariantCulture));

    public static DateTimeOffset UpdatedAt(this JsonNode node) =>
        DateTimeOffset.Parse((string)node["updatedAt"]!, CultureInfo.InvariantCulture);

    public static string[] Codes(this JsonNode task, string role) =>
        task[role]!.AsArray().Select(a => (string?)a!["unitCode"] ?? (string)a["group"]!).ToArray();

    public static string?[] Texts(this JsonNode task, string role) =>
        task[role]!.AsArray().Select(a => (string?)a!["text"]).ToArray();

    public static Task<long> Count(this ApiFactory factory, string table) => factory.ScalarAsync<long>($"select count(*) from {table}");
}

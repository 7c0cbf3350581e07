using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Movements;

/// <summary>Helpers the movement tests share to arrange data through the API itself.</summary>
public static class MovementsApi
{
    public const string Url = "/api/v1/movements";
    public const string ImportUrl = "/api/v1/movements/import";

    /// <summary>The lifecycle actions by their route segment, in lifecycle order.</summary>
    public static readonly string[] Actions = ["launch", "interim-review", "final-review", "close"];

    public static object Body(string name, string form = "Thematic", string launcherLevel = "Province", string? startDate = "2026-01-01",
        string? endDate = null, string? slogan = null, string? launchDocument = null, string? scope = null, string? parentMovementId = null,
        string[]? participantUnitCodes = null, string[]? participantClusterIds = null, string[]? planIds = null) =>
        new
        {
            name, form, launcherLevel, startDate, endDate, slogan, launchDocument, scope, parentMovementId,
            participantUnitCodes, participantClusterIds, planIds,
        };

    public static async Task<JsonNode> CreateMovement(this HttpClient client, string name, string form = "Thematic", string launcherLevel = "Province",
        string? startDate = "2026-01-01", string? endDate = null, string? slogan = null, string? parentMovementId = null)
    {
        var response = await client.PostJson(Url, Body(name, form, launcherLevel, startDate, endDate, slogan, parentMovementId: parentMovementId));
        return await response.ExpectJson(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: TestHttp.JsonOptions);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>Posts a lifecycle action (launch, interim-review, final-review, close).</summary>
    public static Task<HttpResponseMessage> Step(this HttpClient client, string id, string action, string date, string? document = null,
        string? result = null, string? ifMatch = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{id}/{action}", new { date, documentReference = document, result }, ifMatch);

    /// <summary>Takes the lifecycle to <paramref name="status"/> (Draft, Launched, InterimReviewed, FinalReviewed, Closed) and returns the movement.</summary>
    public static async Task<JsonNode> Reach(this HttpClient client, string id, string status)
    {
        var path = status switch
        {
            "Draft" => Array.Empty<string>(),
            "Launched" => ["launch"],
            "InterimReviewed" => ["launch", "interim-review"],
            "FinalReviewed" => ["launch", "interim-review", "final-review"],
            "Closed" => ["launch", "interim-review", "final-review", "close"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var month = 1;
        foreach (var action in path)
            await (await client.Step(id, action, $"2026-{month++:D2}-15", $"Văn bản {action}", "Kết quả tốt")).ExpectJson(HttpStatusCode.OK);
        return await client.GetMovement(id);
    }

    public static async Task<JsonNode> GetMovement(this HttpClient client, string id) =>
        await (await client.GetAsync($"{Url}/{id}")).ExpectJson(HttpStatusCode.OK);

    public static string Id(this JsonNode node) => (string)node["id"]!;

    public static string ETag(this JsonNode node) => $"\"{node["version"]}\"";
}

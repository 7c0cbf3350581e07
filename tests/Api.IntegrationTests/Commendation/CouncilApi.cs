using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Helpers the council tests share: a session's body, votes built from the session as answered.</summary>
public static class CouncilApi
{
    public const string Url = "/api/v1/commendation/council-sessions";

    /// <summary>Three members present: the chair, a member, the secretary.</summary>
    public static object[] Members() =>
    [
        new { name = "Nguyễn Văn Chủ", role = "Chair" },
        new { name = "Trần Thị Ủy", role = "Member" },
        new { name = "Lê Văn Ký", role = "Secretary" },
    ];

    public static object Body(string[] dossierIds, string heldOn = "2026-12-05", object[]? members = null, string? minutesReference = null) =>
        new { heldOn, place = "Trụ sở UBND tỉnh", kind = "Regular", members = members ?? Members(), minutesReference, dossierIds };

    public static async Task<JsonNode> CreateSession(this HttpClient client, params string[] dossierIds) =>
        await (await client.PostJson(Url, Body(dossierIds))).ExpectJson(HttpStatusCode.Created);

    /// <summary>The session's nominees' ids, dossier by dossier, in order.</summary>
    public static string[] NomineeIds(JsonNode session) =>
        [.. session["dossiers"]!.AsArray().SelectMany(d => d!["nominees"]!.AsArray()).Select(n => (string)n!["id"]!)];

    public static object Vote(string nomineeId, string outcome = "Recommended", int @for = 3, int against = 0, int abstain = 0, string? reason = null) =>
        new { nomineeId, @for, against, abstain, outcome, reason };

    public static Task<HttpResponseMessage> RecordVotes(this HttpClient client, string sessionId, object[] votes, string? ifMatch = null) =>
        client.Send(HttpMethod.Put, $"{Url}/{sessionId}/votes", new { votes }, ifMatch);

    public static Task<HttpResponseMessage> Conclude(this HttpClient client, string sessionId, string? minutesReference = "Biên bản số 9/BB-HĐTĐKT") =>
        client.Send(HttpMethod.Post, $"{Url}/{sessionId}/conclude", new { minutesReference });

    public static Task<HttpResponseMessage> PublishSession(this HttpClient client, string sessionId, string? date = null) =>
        client.Send(HttpMethod.Post, $"{Url}/{sessionId}/publish", new { date });

    /// <summary>A new dossier of <paramref name="unitCode"/> with the nominees given, taken to council review.</summary>
    public static async Task<JsonNode> DossierInCouncil(this HttpClient client, string unitCode, params object[] nominees) =>
        await client.Reach(await client.CreateDossier(unitCode, nominees), "InCouncilReview");
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>Attachments over HTTP: a report or a dossier to attach to, files of each type, the upload and the download.</summary>
public static class AttachmentsApi
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";

    public static readonly byte[] PdfHead = "%PDF-1.7\n%\u00e2\u00e3\n"u8.ToArray();
    public static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    /// <summary>What a Windows program begins with ("MZ", the DOS header).</summary>
    public static readonly byte[] ExeHead = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    /// <summary>A file of <paramref name="length"/> bytes: <paramref name="head"/> then bytes from a seeded generator.</summary>
    public static byte[] File(byte[] head, int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        head.AsSpan(0, Math.Min(head.Length, length)).CopyTo(bytes);
        return bytes;
    }

    /// <summary>SNV and STC; an issued task SNV leads, with one report by SNV. Returns the task's and the report's ids.</summary>
    public static async Task<(string TaskId, string ReportId)> Report(this HttpClient admin, string unitCode = "SNV")
    {
        await admin.CreateUnit("SNV", "Sở Nội vụ");
        await admin.CreateUnit("STC", "Sở Tài chính");
        var taskId = await admin.IssuedTask(unitCode);
        var report = await (await admin.PostJson($"/api/v1/tasks/{taskId}/progress", AccessApi.Report(unitCode))).ExpectJson(HttpStatusCode.Created);
        return (taskId, (string)report["id"]!);
    }

    public static string AttachmentsUrl(string taskId, string reportId) => $"/api/v1/tasks/{taskId}/progress/{reportId}/attachments";

    public static Task<HttpResponseMessage> Upload(this HttpClient client, string taskId, string reportId, byte[] bytes,
        string? contentType = Pdf, string fileName = "bao-cao.pdf") =>
        client.Upload(taskId, reportId, new ByteArrayContent(bytes), contentType, fileName);

    public static Task<HttpResponseMessage> Upload(this HttpClient client, string taskId, string reportId, HttpContent content,
        string? contentType, string fileName) =>
        client.UploadTo(AttachmentsUrl(taskId, reportId), content, contentType, fileName);

    public static string DossierAttachmentsUrl(string dossierId) => $"/api/v1/dossiers/{dossierId}/attachments";

    public static Task<HttpResponseMessage> UploadToDossier(this HttpClient client, string dossierId, byte[] bytes,
        string? contentType = Pdf, string fileName = "bien-ban-hop.pdf") =>
        client.UploadTo(DossierAttachmentsUrl(dossierId), new ByteArrayContent(bytes), contentType, fileName);

    public static async Task<JsonNode> AttachToDossier(this HttpClient client, string dossierId, byte[] bytes,
        string contentType = Pdf, string fileName = "bien-ban-hop.pdf") =>
        await (await client.UploadToDossier(dossierId, bytes, contentType, fileName)).ExpectJson(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> UploadTo(this HttpClient client, string url, HttpContent content, string? contentType, string fileName)
    {
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync($"{url}?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    public static async Task<JsonNode> Attach(this HttpClient client, string taskId, string reportId, byte[] bytes,
        string contentType = Pdf, string fileName = "bao-cao.pdf") =>
        await (await client.Upload(taskId, reportId, bytes, contentType, fileName)).ExpectJson(HttpStatusCode.Created);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public static Task<long> StoredBytes(this ApiFactory factory) =>
        factory.ScalarAsync<long>("SELECT coalesce(sum(octet_length(data)), 0)::bigint FROM attachment_chunks");
}

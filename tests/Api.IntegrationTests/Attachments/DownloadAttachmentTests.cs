using System.Net;
using System.Net.Http.Headers;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>GET /api/v1/attachments/{id}/content and DELETE /api/v1/attachments/{id}.</summary>
public sealed class DownloadAttachmentTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<(byte[] Bytes, string Id, string TaskId, string ReportId)> Stored(int length = 600_000, string fileName = "Biên bản họp Hội đồng.pdf")
    {
        var (taskId, reportId) = await Client.Report();
        var bytes = File(PdfHead, length);
        var attachment = await Client.Attach(taskId, reportId, bytes, Pdf, fileName);
        return (bytes, (string)attachment["id"]!, taskId, reportId);
    }

    [Fact]
    public async Task GetAttachmentContent_ReturnsTheBytesWithTheirTypeLengthNameAndDigest()
    {
        var (bytes, id, _, _) = await Stored();

        var response = await Client.GetAsync($"/api/v1/attachments/{id}/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Pdf, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        // RFC 6266 / 5987: the UTF-8 name in filename*, which clients prefer to the ASCII fallback.
        Assert.Equal("Biên bản họp Hội đồng.pdf", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal($"\"{Sha256Hex(bytes)}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
        // RFC 9530: sha-256 as a structured-field byte sequence (base64 between colons).
        Assert.Equal($"sha-256=:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task GetAttachmentContent_ARangeAcrossChunks_Returns206WithThoseBytes()
    {
        var (bytes, id, _, _) = await Stored();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}/content");
        request.Headers.Range = new RangeHeaderValue(262_000, 263_000);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[262_000..263_001], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 262000-263000/{bytes.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
    }

    [Fact]
    public async Task GetAttachmentContent_TheLastBytes_Returns206()
    {
        var (bytes, id, _, _) = await Stored();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}/content");
        request.Headers.Range = new RangeHeaderValue(null, 10);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[^10..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetAttachmentContent_ARangeBeyondTheEnd_Returns416()
    {
        var (bytes, id, _, _) = await Stored(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}/content");
        request.Headers.Range = new RangeHeaderValue(5000, 6000);

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal($"bytes */{bytes.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Contains($"{bytes.Length} bytes", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAttachmentContent_WithItsETag_Returns304()
    {
        var (bytes, id, _, _) = await Stored(1000);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}/content");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256Hex(bytes)}\""));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetAttachmentContent_OfAnUnknownId_Returns404()
    {
        var id = Guid.NewGuid();

        var response = await Client.GetAsync($"/api/v1/attachments/{id}/content");

        var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAttachment_RemovesTheRowAndItsContent()
    {
        var (_, id, taskId, reportId) = await Stored();
        var kept = await Client.Attach(taskId, reportId, File(PdfHead, 1000, seed: 9));

        var response = await Client.DeleteAsync($"/api/v1/attachments/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Client.GetAsync($"/api/v1/attachments/{id}/content")).ExpectProblem(HttpStatusCode.NotFound);
        var list = await (await Client.GetAsync(AttachmentsUrl(taskId, reportId))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal([(string?)kept["id"]], list.AsArray().Select(a => (string?)a!["id"]));
        Assert.Equal(1000L, await Factory.StoredBytes());
        await (await Client.DeleteAsync($"/api/v1/attachments/{id}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAReport_RemovesItsAttachments()
    {
        var (_, _, _, _) = await Stored();
        Assert.Equal(1L, await Factory.Count("attachments"));

        // Reports go only with their task (a draft plan's); the database's trigger is what removes their files.
        await Factory.ScalarAsync<int>("WITH gone AS (DELETE FROM progress_reports RETURNING 1) SELECT count(*)::int FROM gone");

        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Commendation;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>
/// A nomination dossier's files (issue 16): the proposing unit's own client adds them while the dossier is a draft or
/// returned, editors and admins until the decision; they are read only by whoever may read the dossier, by their id
/// too; they go when the dossier goes.
/// </summary>
public sealed class DossierAttachmentTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task<HttpClient> As(string role, string? unitCode = null) => Factory.ClientWithKey(await Client.CreateKey(role, unitCode));

    /// <summary>A draft dossier proposed by SO-A; XA-B is another unit.</summary>
    private async Task<JsonNode> Draft()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
        return await Client.CreateDossier("SO-A");
    }

    private static string ContentUrl(JsonNode attachment) => $"/api/v1/attachments/{attachment.Id()}/content";

    private static string AttachmentUrl(JsonNode attachment) => $"/api/v1/attachments/{attachment.Id()}";

    private static HttpRequestMessage InVietnamese(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");
        return request;
    }

    [Fact]
    public async Task AddDossierAttachment_ByTheProposingUnitsClientOnADraft_Returns201_ListedAndDownloadedWithItsDigest()
    {
        var dossier = await Draft();
        using var unit = await As("Unit", "SO-A");
        var bytes = File(PdfHead, 300_000);

        var response = await unit.UploadToDossier(dossier.Id(), bytes, Pdf, "Báo cáo thành tích.pdf");

        var attachment = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal("Dossier", (string?)attachment["ownerKind"]);
        Assert.Equal(dossier.Id(), (string?)attachment["ownerId"]);
        Assert.Equal("Báo cáo thành tích.pdf", (string?)attachment["fileName"]);
        Assert.Equal(bytes.Length, (long)attachment["length"]!);
        Assert.Equal(Sha256Hex(bytes), (string?)attachment["sha256"]);
        Assert.Equal(ContentUrl(attachment), response.Headers.Location?.OriginalString);

        var list = await (await unit.GetAsync(DossierAttachmentsUrl(dossier.Id()))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal([attachment.Id()], list.AsArray().Select(a => (string?)a!["id"]));
        var download = await unit.GetAsync(ContentUrl(attachment));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{Sha256Hex(bytes)}\"", download.Headers.ETag?.Tag);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", download.Headers.GetValues("Repr-Digest").Single());
    }

    [Fact]
    public async Task GetAttachmentContent_OfADossierFile_AnswersARangeWith206_AndOneOutsideTheFileWith416()
    {
        var dossier = await Draft();
        var bytes = File(PdfHead, 1000);
        var attachment = await Client.AttachToDossier(dossier.Id(), bytes);
        using var unit = await As("Unit", "SO-A");

        using var inside = new HttpRequestMessage(HttpMethod.Get, ContentUrl(attachment)) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        var part = await unit.SendAsync(inside);
        using var outside = new HttpRequestMessage(HttpMethod.Get, ContentUrl(attachment)) { Headers = { Range = new RangeHeaderValue(5000, 6000) } };
        var beyond = await unit.SendAsync(outside);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", part.Headers.GetValues("Repr-Digest").Single());
        await beyond.ExpectProblem(HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal("bytes */1000", beyond.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task AnotherUnitsClient_Gets403OnUploadListDownloadAndDelete_AndNothingChanges()
    {
        var dossier = await Draft();
        var stored = await Client.AttachToDossier(dossier.Id(), File(PdfHead, 1000));
        using var other = await As("Unit", "XA-B");

        var upload = await (await other.UploadToDossier(dossier.Id(), File(PdfHead, 1000, seed: 2))).ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await other.GetAsync(DossierAttachmentsUrl(dossier.Id()))).ExpectProblem(HttpStatusCode.Forbidden);
        var content = await (await other.GetAsync(ContentUrl(stored))).ExpectProblem(HttpStatusCode.Forbidden);
        var delete = await (await other.DeleteAsync(AttachmentUrl(stored))).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.All([upload, list, content, delete], p => Assert.Contains("acts for XA-B", (string?)p["detail"], StringComparison.Ordinal));
        Assert.Equal(1L, await Factory.Count("attachments"));
        Assert.Equal(1000L, await Factory.StoredBytes());
    }

    [Fact]
    public async Task AReader_MayNotReadADossiersFileByItsId_ButReadsAProgressReportsEvidence()
    {
        var dossier = await Draft();
        var dossierFile = await Client.AttachToDossier(dossier.Id(), File(PdfHead, 1000));
        var (taskId, reportId) = await Client.Report();
        var evidence = File(PdfHead, 1000, seed: 3);
        var reportFile = await Client.Attach(taskId, reportId, evidence);
        using var reader = await As("Reader");

        var content = await (await reader.GetAsync(ContentUrl(dossierFile))).ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await reader.GetAsync(DossierAttachmentsUrl(dossier.Id()))).ExpectProblem(HttpStatusCode.Forbidden);
        var report = await reader.GetAsync(ContentUrl(reportFile));

        Assert.Contains("personal data", (string?)content["detail"], StringComparison.Ordinal);
        Assert.Contains("may not use this operation", (string?)list["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(evidence, await report.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnotherUnitsClient_ReadsAProgressReportsEvidence_AsItReadsTheTask_ButMayNotRemoveIt()
    {
        var (taskId, reportId) = await Client.Report();
        var evidence = File(PdfHead, 1000);
        var reportFile = await Client.Attach(taskId, reportId, evidence);
        using var stc = await As("Unit", "STC");

        var list = await (await stc.GetAsync(AttachmentsUrl(taskId, reportId))).ExpectJson(HttpStatusCode.OK);
        var content = await stc.GetAsync(ContentUrl(reportFile));
        var delete = await (await stc.DeleteAsync(AttachmentUrl(reportFile))).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.Equal(reportFile.Id(), (string?)Assert.Single(list.AsArray())!["id"]);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(evidence, await content.Content.ReadAsByteArrayAsync());
        Assert.Contains("SNV", (string?)delete["detail"], StringComparison.Ordinal);
        Assert.Equal(1L, await Factory.Count("attachments"));
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("UnderAppraisal")]
    [InlineData("InCouncilReview")]
    [InlineData("Decided")]
    public async Task AddDossierAttachment_ByTheUnitsClient_OnceTheDossierIsNoLongerItsToChange_Returns409AndStoresNothing(string status)
    {
        var dossier = await Client.Reach(await Draft(), status);
        using var unit = await As("Unit", "SO-A");

        var problem = await (await unit.UploadToDossier(dossier.Id(), File(PdfHead, 1000))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains($"is {status}", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddDossierAttachment_ByTheUnitsClient_OnAReturnedDossier_Returns201()
    {
        var dossier = await Client.Reach(await Draft(), "Returned");
        using var unit = await As("Unit", "SO-A");

        var attachment = await unit.AttachToDossier(dossier.Id(), File(PngHead, 2000), Png, "anh-khen-thuong.png");

        Assert.Equal("image/png", (string?)attachment["contentType"]);
        Assert.Equal(1L, await Factory.Count("attachments"));
    }

    [Fact]
    public async Task DeleteAttachment_OfASubmittedDossier_ByItsUnit_Returns409InVietnamese_ByAnEditor_Returns204()
    {
        var draft = await Draft();
        using var unit = await As("Unit", "SO-A");
        var stored = await unit.AttachToDossier(draft.Id(), File(PdfHead, 1000));
        await Client.Reach(draft, "Submitted");
        using var editor = await As("Editor");

        using var request = InVietnamese(HttpMethod.Delete, AttachmentUrl(stored));
        var refused = await (await unit.SendAsync(request)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("Hồ sơ đang ở trạng thái Submitted", (string?)refused["detail"], StringComparison.Ordinal);
        Assert.Equal(1L, await Factory.Count("attachments"));

        var removed = await editor.DeleteAsync(AttachmentUrl(stored));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task EditorsAndAdmins_AttachUntilTheDecision_ThenTheFilesAreTheRecord_409()
    {
        var draft = await Draft();
        using var editor = await As("Editor");
        var submitted = await Client.Reach(draft, "Submitted");
        var byEditor = await editor.AttachToDossier(submitted.Id(), File(PdfHead, 1000));
        var inCouncil = submitted;
        foreach (var action in DossiersApi.PathTo["InCouncilReview"].Skip(1))
            inCouncil = await (await Client.Step(draft.Id(), action)).ExpectJson(HttpStatusCode.OK);
        var minutes = await Client.AttachToDossier(inCouncil.Id(), File(PdfHead, 1000, seed: 4));
        await (await Client.Step(draft.Id(), "decide", DossiersApi.DecideBody(inCouncil))).ExpectJson(HttpStatusCode.OK);

        var upload = await (await Client.UploadToDossier(draft.Id(), File(PdfHead, 1000, seed: 5))).ExpectProblem(HttpStatusCode.Conflict);
        using var request = InVietnamese(HttpMethod.Delete, AttachmentUrl(minutes));
        var delete = await (await editor.SendAsync(request)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("decided dossier", (string?)upload["detail"], StringComparison.Ordinal);
        Assert.Contains("Hồ sơ đã có quyết định", (string?)delete["detail"], StringComparison.Ordinal);
        var list = await (await editor.GetAsync(DossierAttachmentsUrl(draft.Id()))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal([byEditor.Id(), minutes.Id()], list.AsArray().Select(a => (string?)a!["id"]));
    }

    [Fact]
    public async Task AddDossierAttachment_OfAnotherTypeThanDeclared_Returns415AndStoresNothing()
    {
        var dossier = await Draft();
        using var unit = await As("Unit", "SO-A");

        var problem = await (await unit.UploadToDossier(dossier.Id(), File(ExeHead, 5000), Pdf, "bao-cao.pdf")).ExpectProblem(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("not application/pdf", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddDossierAttachment_OverTheCap_Returns413AndStoresNothing()
    {
        const int cap = 64 * 1024;
        await using var server = Factory.WithWebHostBuilder(b => b.UseSetting("Attachments:MaxBytes", cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = server.CreateDefaultClient();
        var dossier = await Draft();

        var problem = await (await client.UploadToDossier(dossier.Id(), File(PdfHead, cap + 1))).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains($"larger than {cap} bytes", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task DossierAttachments_OfAMissingDossier_Return404()
    {
        await Draft();
        var missing = Guid.NewGuid().ToString();

        var upload = await (await Client.UploadToDossier(missing, File(PdfHead, 1000))).ExpectProblem(HttpStatusCode.NotFound);
        var list = await (await Client.GetAsync(DossierAttachmentsUrl(missing))).ExpectProblem(HttpStatusCode.NotFound);

        Assert.All([upload, list], p => Assert.Contains($"Dossier '{missing}'", (string?)p["detail"], StringComparison.Ordinal));
        Assert.Equal(0L, await Factory.Count("attachments"));
    }

    [Fact]
    public async Task DeleteDossier_RemovesItsFiles_AndOnlyItsFiles()
    {
        var draft = await Draft();
        var kept = await Client.CreateDossier("XA-B", DossiersApi.Person("XA-B"));
        var first = await Client.AttachToDossier(draft.Id(), File(PdfHead, 300_000));
        await Client.AttachToDossier(draft.Id(), File(PngHead, 1000), Png, "anh.png");
        var other = await Client.AttachToDossier(kept.Id(), File(PdfHead, 1000, seed: 6));

        var response = await Client.DeleteAsync($"{DossiersApi.Url}/{draft.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([other.Id()], await Factory.ScalarAsync<string[]>("SELECT array_agg(id::text) FROM attachments"));
        Assert.Equal(1000L, await Factory.StoredBytes());
        await (await Client.GetAsync(ContentUrl(first))).ExpectProblem(HttpStatusCode.NotFound);
    }
}

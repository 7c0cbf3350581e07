using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
/// An adversarial pass over a dossier's files (issue 16): names no header or file system should carry, an empty body,
/// a body exactly at the cap and one byte over it, a unit client guessing another unit's file id, two uploads racing
/// the count. Each answer is checked for its status and body, and for what is left stored.
/// </summary>
public sealed class AttachmentAdversarialTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task<JsonNode> Draft(string unitCode = "SO-A")
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
        return await Client.CreateDossier(unitCode);
    }

    private Task<long> Stored() => Factory.ScalarAsync<long>("SELECT (SELECT count(*) FROM attachments) + (SELECT count(*) FROM attachment_chunks)");

    [Fact]
    public async Task AFileNamedWithCombiningMarksAndEmoji_IsStoredComposed_AndDownloadedWithItsNameInFilenameStar()
    {
        var dossier = await Draft();
        var bytes = File(PdfHead, 10_000);
        var name = "Biên bản 🏅 họp xét.pdf";

        var attachment = await Client.AttachToDossier(dossier.Id(), bytes, Pdf, name.Normalize(NormalizationForm.FormD));
        var response = await Client.GetAsync($"/api/v1/attachments/{attachment.Id()}/content");

        Assert.Equal(name, (string?)attachment["fileName"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(name, response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.All(response.Content.Headers.GetValues("Content-Disposition").Single(), c => Assert.True(c < 128, "A header value is ASCII."));
    }

    [Theory]
    [InlineData("bien\0ban.pdf")]
    [InlineData("bien\u0007ban.pdf")]
    [InlineData("../../etc/")]
    [InlineData("..")]
    [InlineData("   ")]
    public async Task AFileNameWithControlCharactersOrNoNameLeft_Returns400OnFileName_AndStoresNothing(string fileName)
    {
        var dossier = await Draft();

        var problem = await (await Client.UploadToDossier(dossier.Id(), File(PdfHead, 1_000), Pdf, fileName)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["fileName"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0L, await Stored());
    }

    /// <summary>A path keeps only its last part and a line break folds to a space: the stored name never names a folder
    /// nor splits a header line.</summary>
    [Theory]
    [InlineData("../../etc/bien-ban.pdf", "bien-ban.pdf")]
    [InlineData("C:\\tmp\\bien-ban.pdf", "bien-ban.pdf")]
    [InlineData("bien\r\nban.pdf", "bien ban.pdf")]
    public async Task AFileNameWithAFolderPartOrALineBreak_IsStoredAsItsCleanName(string fileName, string stored)
    {
        var dossier = await Draft();

        var attachment = await Client.AttachToDossier(dossier.Id(), File(PdfHead, 1_000), Pdf, fileName);
        var response = await Client.GetAsync($"/api/v1/attachments/{attachment.Id()}/content");

        Assert.Equal(stored, (string?)attachment["fileName"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored, response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task AFileNameOf256Characters_Returns400_And255_Returns201()
    {
        var dossier = await Draft();

        var over = await (await Client.UploadToDossier(dossier.Id(), File(PdfHead, 1_000), Pdf, new string('ố', 252) + ".pdf")).ExpectProblem(HttpStatusCode.BadRequest);
        var atLimit = await Client.AttachToDossier(dossier.Id(), File(PdfHead, 1_000), Pdf, new string('ố', 251) + ".pdf");

        Assert.Equal(["fileName"], over["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(255, ((string?)atLimit["fileName"])!.Length);
    }

    [Fact]
    public async Task AnEmptyBody_Returns415_AndStoresNothing()
    {
        var dossier = await Draft();

        var problem = await (await Client.UploadToDossier(dossier.Id(), [], Pdf)).ExpectProblem(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("is not application/pdf", (string?)problem["detail"]);
        Assert.Equal(0L, await Stored());
    }

    [Fact]
    public async Task ABodyExactlyAtTheCap_IsStored_AndOneByteOver_Returns413_WithOrWithoutALength()
    {
        const int cap = 300_000;
        var dossier = await Draft();
        await using var server = Factory.WithWebHostBuilder(b => b.UseSetting("Attachments:MaxBytes", cap.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = server.CreateDefaultClient();
        var exact = File(PdfHead, cap);

        var stored = await client.AttachToDossier(dossier.Id(), exact);
        var declared = await (await client.UploadToDossier(dossier.Id(), File(PdfHead, cap + 1))).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
        var streamed = await (await client.PostAsync($"{DossierAttachmentsUrl(dossier.Id())}?fileName=b.pdf", Chunked(File(PdfHead, cap + 1))))
            .ExpectProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(cap, (long)stored["length"]!);
        Assert.Equal(Sha256Hex(exact), (string?)stored["sha256"]);
        Assert.Equal(413, (int?)declared["status"]);
        Assert.Equal(413, (int?)streamed["status"]);
        Assert.Equal(1L, await Factory.Count("attachments"));
        Assert.Equal((long)Math.Ceiling(cap / 262_144.0), await Factory.Count("attachment_chunks"));
    }

    /// <summary>A body sent without Content-Length (chunked), so the cap is found only by counting.</summary>
    private static StreamContent Chunked(byte[] bytes)
    {
        var content = new StreamContent(new NonSeekable(bytes));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Pdf);
        return content;
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task AUnitClientGuessingAnotherUnitsFileId_Gets403OnContentAndDelete_AndTheFileStays()
    {
        var dossier = await Draft("XA-B");
        var attachment = await Client.AttachToDossier(dossier.Id(), File(PdfHead, 5_000));
        using var unit = Factory.ClientWithKey(await Client.CreateKey("Unit", "SO-A"));

        var read = await (await unit.GetAsync($"/api/v1/attachments/{attachment.Id()}/content")).ExpectProblem(HttpStatusCode.Forbidden);
        var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{attachment.Id()}/content");
        ranged.Headers.Range = new RangeHeaderValue(0, 3);
        var partial = await (await unit.SendAsync(ranged)).ExpectProblem(HttpStatusCode.Forbidden);
        var delete = await (await unit.DeleteAsync($"/api/v1/attachments/{attachment.Id()}")).ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await unit.GetAsync(DossierAttachmentsUrl(dossier.Id()))).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.All([read, partial, delete, list], p => Assert.Contains("XA-B", (string?)p["detail"]));
        Assert.Equal(1L, await Factory.Count("attachments"));
    }

    [Fact]
    public async Task AnAttachmentIdThatIsNoFile_Returns404Problem()
    {
        await Draft();

        var content = await (await Client.GetAsync($"/api/v1/attachments/{Guid.NewGuid()}/content")).ExpectProblem(HttpStatusCode.NotFound);
        var delete = await (await Client.DeleteAsync($"/api/v1/attachments/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal(404, (int?)content["status"]);
        Assert.Equal(404, (int?)delete["status"]);
    }

    /// <summary>A draft deleted while a file is being uploaded to it: both requests read the dossier before either
    /// writes. Whichever commits first, no file is left whose dossier is gone (its files go with it).</summary>
    [Fact]
    public async Task ADraftDeletedWhileAFileIsUploaded_LeavesNoFileWithoutItsDossier()
    {
        var dossier = await Draft();

        Task<HttpResponseMessage> upload, delete;
        await using (var gate = await Factory.HoldWritesAsync("attachments"))
        {
            upload = Client.UploadToDossier(dossier.Id(), File(PdfHead, 5_000));
            delete = Client.DeleteAsync($"{DossiersApi.Url}/{dossier.Id()}");
            await gate.WaitForWaitingWritersAsync(2);
        }
        var uploaded = await upload;
        var deleted = await delete;

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains(uploaded.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.NotFound });
        if (uploaded.StatusCode == HttpStatusCode.NotFound) await uploaded.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await Factory.Count("dossiers"));
        Assert.Equal(0L, await Stored());
    }
}

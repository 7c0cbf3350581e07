using System.Net;
using System.Net.Http.Headers;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>POST /api/v1/tasks/{id}/progress/{reportId}/attachments and GET the list: what is stored, what is refused.</summary>
public sealed class AddAttachmentTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> Attachments() => Factory.Count("attachments");

    [Fact]
    public async Task AddAttachment_APdf_Returns201WithItsSha256_AndStoresEveryByte()
    {
        var (taskId, reportId) = await Client.Report();
        // Three chunks and a bit: the content crosses the store's chunk boundaries.
        var bytes = File(PdfHead, 3 * 256 * 1024 + 1234);

        var response = await Client.Upload(taskId, reportId, bytes, fileName: "Báo cáo quý I – Sở Nội vụ.pdf");

        var attachment = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/attachments/{attachment["id"]}/content", response.Headers.Location?.OriginalString);
        Assert.Equal(Sha256Hex(bytes), (string?)attachment["sha256"]);
        Assert.Equal(bytes.Length, (long)attachment["length"]!);
        Assert.Equal("Báo cáo quý I – Sở Nội vụ.pdf", (string?)attachment["fileName"]);
        Assert.Equal(Pdf, (string?)attachment["contentType"]);
        Assert.Equal("ProgressReport", (string?)attachment["ownerKind"]);
        Assert.Equal(reportId, (string?)attachment["ownerId"]);
        Assert.Equal("bootstrap-admin", (string?)attachment["uploadedBy"]);
        Assert.Equal((long)bytes.Length, await Factory.StoredBytes());
        Assert.Equal(4L, await Factory.Count("attachment_chunks"));
        Assert.Equal(Sha256Hex(bytes), await Factory.ScalarAsync<string>("SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY seq)), 'hex') FROM attachment_chunks"));

        var list = await (await Client.GetAsync(AttachmentsUrl(taskId, reportId))).ExpectJson(HttpStatusCode.OK);
        var listed = Assert.Single(list.AsArray());
        Assert.Equal((string?)attachment["id"], (string?)listed!["id"]);
        Assert.Equal(Sha256Hex(bytes), (string?)listed["sha256"]);
    }

    public static TheoryData<string, string, byte[]> AcceptedFiles => new()
    {
        { "image/png", "anh.png", PngHead },
        { "image/jpeg", "anh.JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46] },
        { "image/webp", "anh.webp", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8] },
        { "image/tiff", "scan.tif", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0] },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "bien-ban.docx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0] },
        { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "so-lieu.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0] },
        { "application/msword", "to-trinh.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] },
        { "application/vnd.ms-excel", "bang.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] },
        { "application/vnd.oasis.opendocument.text", "bao-cao.odt", OdfHead("application/vnd.oasis.opendocument.text") },
        { "application/vnd.oasis.opendocument.spreadsheet", "so-lieu.ods", OdfHead("application/vnd.oasis.opendocument.spreadsheet") },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public async Task AddAttachment_OfEachAcceptedType_Returns201(string contentType, string fileName, byte[] head)
    {
        var (taskId, reportId) = await Client.Report();
        var bytes = File(head, 5000);

        var attachment = await Client.Attach(taskId, reportId, bytes, contentType, fileName);

        Assert.Equal(contentType, (string?)attachment["contentType"]);
        Assert.Equal(Sha256Hex(bytes), (string?)attachment["sha256"]);
    }

    public static TheoryData<string, string, byte[]> RefusedFiles => new()
    {
        // A program renamed to a PDF, and declared one.
        { Pdf, "bao-cao.pdf", ExeHead },
        // PNG bytes declared (and named) a PDF.
        { Pdf, "bao-cao.pdf", PngHead },
        // A PDF named as a program.
        { Pdf, "setup.exe", PdfHead },
        // A type the store does not take.
        { "application/x-msdownload", "setup.exe", ExeHead },
        { "text/html", "trang.html", "<html>"u8.ToArray() },
        // An OpenDocument text declared a spreadsheet, and a DOCX (a ZIP) declared an OpenDocument text.
        { "application/vnd.oasis.opendocument.spreadsheet", "x.ods", OdfHead("application/vnd.oasis.opendocument.text") },
        { "application/vnd.oasis.opendocument.text", "x.odt", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0] },
        // An OpenDocument file declared DOCX.
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "x.docx", OdfHead("application/vnd.oasis.opendocument.text") },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task AddAttachment_WhenTheContentNameOrTypeIsNotAnAcceptedFile_Returns415AndStoresNothing(string contentType, string fileName, byte[] head)
    {
        var (taskId, reportId) = await Client.Report();

        var response = await Client.Upload(taskId, reportId, File(head, 5000), contentType, fileName);

        var problem = await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        // A type no operation here takes is refused by routing (the operation's accepted types), the rest by the use case.
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(0L, await Attachments());
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddAttachment_WithoutAContentType_Returns415ListingTheTypes()
    {
        var (taskId, reportId) = await Client.Report();

        var response = await Client.Upload(taskId, reportId, File(PdfHead, 100), contentType: null);

        var problem = await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/pdf, image/png", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Attachments());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("thu-muc/")]
    [InlineData("..")]
    [InlineData("a\u0001b.pdf")]
    public async Task AddAttachment_WithoutAUsableFileName_Returns400(string fileName)
    {
        var (taskId, reportId) = await Client.Report();

        var response = await Client.Upload(taskId, reportId, File(PdfHead, 100), Pdf, fileName);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["fileName"]);
        Assert.Equal(0L, await Attachments());
    }

    [Fact]
    public async Task AddAttachment_WithAFolderInTheFileName_KeepsOnlyTheName()
    {
        var (taskId, reportId) = await Client.Report();

        var attachment = await Client.Attach(taskId, reportId, File(PdfHead, 100), Pdf, @"C:\Users\snv\Tài liệu\biên bản.pdf");

        Assert.Equal("biên bản.pdf", (string?)attachment["fileName"]);
    }

    [Fact]
    public async Task AddAttachment_AnEmptyFile_Returns415()
    {
        var (taskId, reportId) = await Client.Report();

        var response = await Client.Upload(taskId, reportId, [], Pdf, "rong.pdf");

        await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0L, await Attachments());
    }

    [Fact]
    public async Task AddAttachment_ToAReportOfAnotherTask_Returns404()
    {
        var (_, reportId) = await Client.Report();
        var otherTask = await Security.AccessApi.IssuedTask(Client, "STC");

        var response = await Client.Upload(otherTask, reportId, File(PdfHead, 100));

        var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains(reportId, (string?)problem["detail"], StringComparison.Ordinal);
        var list = await Client.GetAsync(AttachmentsUrl(otherTask, reportId));
        await list.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddAttachment_OnAClosedPlansReport_Returns409()
    {
        var (taskId, reportId) = await Client.Report();
        var planId = await Factory.ScalarAsync<Guid>("SELECT plan_id FROM tasks");
        await (await Client.PostAsync($"/api/v1/plans/{planId}/close", null)).ExpectJson(HttpStatusCode.OK);

        var response = await Client.Upload(taskId, reportId, File(PdfHead, 100));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Attachments());
    }

    [Fact]
    public async Task AddAttachment_BeyondTheFilesAReportMayHave_Returns409()
    {
        var (taskId, reportId) = await Client.Report();
        for (var i = 0; i < 20; i++) await Client.Attach(taskId, reportId, File(PdfHead, 100, seed: i));

        var response = await Client.Upload(taskId, reportId, File(PdfHead, 100));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("20", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(20L, await Attachments());
    }

    [Fact]
    public async Task AddAttachment_ManyAtOnce_StoresEachWhole()
    {
        var (taskId, reportId) = await Client.Report();
        var files = Enumerable.Range(0, 8).Select(i => File(PdfHead, 300_000 + i * 7919, seed: i)).ToList();

        var responses = await Task.WhenAll(files.Select(f => Client.Upload(taskId, reportId, f)));

        var stored = new List<string>();
        foreach (var response in responses) stored.Add((string)(await response.ExpectJson(HttpStatusCode.Created))["sha256"]!);
        Assert.Equal(files.Select(Sha256Hex).Order(), stored.Order());
        Assert.Equal(files.Sum(f => (long)f.Length), await Factory.StoredBytes());
        // Each attachment's chunks digest to its own SHA-256: no chunk of one went to another.
        Assert.Equal(8L, await Factory.ScalarAsync<long>("""
            SELECT count(*) FROM attachments a
             WHERE a.sha256 = (SELECT sha256(string_agg(c.data, ''::bytea ORDER BY c.seq)) FROM attachment_chunks c WHERE c.attachment_id = a.id)
            """));
    }

    /// <summary>The first bytes of an OpenDocument file: a ZIP entry "mimetype", stored, naming <paramref name="mediaType"/>.</summary>
    private static byte[] OdfHead(string mediaType)
    {
        var type = System.Text.Encoding.ASCII.GetBytes(mediaType);
        var header = new byte[30];
        new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x0A, 0 }.CopyTo(header, 0);
        BitConverter.GetBytes(type.Length).CopyTo(header, 18); // compressed size
        BitConverter.GetBytes(type.Length).CopyTo(header, 22); // uncompressed size
        header[26] = 8; // the name's length; no extra field
        return [.. header, .. "mimetype"u8, .. type];
    }
}

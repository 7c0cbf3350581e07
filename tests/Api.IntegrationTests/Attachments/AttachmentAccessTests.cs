using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>Who may attach to a report and remove its files: its own unit's client and editors; readers read.</summary>
public sealed class AttachmentAccessTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<HttpClient> As(string role, string? unitCode = null) => Factory.ClientWithKey(await Client.CreateKey(role, unitCode));

    [Fact]
    public async Task AddAttachment_ByTheReportingUnitsOwnClient_Returns201RecordingWhoStoredIt()
    {
        var (taskId, reportId) = await Client.Report();
        using var snv = await As("Unit", "SNV");

        var attachment = await snv.Attach(taskId, reportId, File(PdfHead, 1000));

        Assert.NotEqual("bootstrap-admin", (string?)attachment["uploadedBy"]);
        Assert.Equal(1L, await Factory.Count("attachments"));
    }

    [Fact]
    public async Task AddAttachment_ByAnotherUnitsClient_Returns403AndStoresNothing()
    {
        var (taskId, reportId) = await Client.Report();
        using var stc = await As("Unit", "STC");

        var response = await stc.Upload(taskId, reportId, File(PdfHead, 1000));

        var problem = await response.ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("SNV", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddAttachment_ByAReader_Returns403_ButTheReaderListsAndDownloads()
    {
        var (taskId, reportId) = await Client.Report();
        var bytes = File(PdfHead, 1000);
        var stored = await Client.Attach(taskId, reportId, bytes);
        using var reader = await As("Reader");

        await (await reader.Upload(taskId, reportId, File(PdfHead, 1000, seed: 2))).ExpectProblem(HttpStatusCode.Forbidden);

        var list = await (await reader.GetAsync(AttachmentsUrl(taskId, reportId))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)stored["id"], (string?)Assert.Single(list.AsArray())!["id"]);
        var download = await reader.GetAsync($"/api/v1/attachments/{stored["id"]}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        await (await reader.DeleteAsync($"/api/v1/attachments/{stored["id"]}")).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(1L, await Factory.Count("attachments"));
    }

    [Fact]
    public async Task DeleteAttachment_ByAnotherUnitsClient_Returns403_ByTheOwnUnitsClient_Returns204()
    {
        var (taskId, reportId) = await Client.Report();
        var stored = await Client.Attach(taskId, reportId, File(PdfHead, 1000));
        using var stc = await As("Unit", "STC");
        using var snv = await As("Unit", "SNV");

        await (await stc.DeleteAsync($"/api/v1/attachments/{stored["id"]}")).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(1L, await Factory.Count("attachments"));

        var response = await snv.DeleteAsync($"/api/v1/attachments/{stored["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddAttachment_IsInTheAuditTrail()
    {
        var (taskId, reportId) = await Client.Report();

        var stored = await Client.Attach(taskId, reportId, File(PdfHead, 1000));

        Assert.Equal(1L, await Factory.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE entity_id = '{stored["id"]}' AND use_case = 'AddAttachment'"));
    }
}

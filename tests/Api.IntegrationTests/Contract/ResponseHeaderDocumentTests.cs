using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Contract;

/// <summary>
/// The served document tells the truth about headers: for real answers of each kind (a list, a single read, a create, a
/// conditional write, a step, a download with a range, an export), every header below that the server sent is declared
/// on that operation's answer, every header the document declares as required on it was sent, and the request headers
/// the server honoured are declared as parameters.
/// </summary>
public sealed class ResponseHeaderDocumentTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The headers a generated client may read; Vary is watched where the answer varies by Accept.</summary>
    private static readonly string[] Watched = ["ETag", "Location", "Content-Range", "Accept-Ranges", "Repr-Digest", "Last-Modified", "Content-Disposition"];

    [Fact]
    public async Task ReadsCreatesAndWrites_SendExactlyTheHeadersTheDocumentDeclares()
    {
        var doc = await Document();
        var (taskId, _) = await Client.Report();

        var created = await Client.PostJson(UnitsApi.Url, new { code = "SYT", name = "Sở Y tế", kind = "Department" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith($"/api/v1/units/{(string)(await created.ExpectJson(HttpStatusCode.Created))["id"]!}", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        AssertTruthful(doc, "CreateUnit", created);
        var unitUrl = created.Headers.Location!.OriginalString;

        var read = await Client.GetAsync(unitUrl);
        AssertTruthful(doc, "GetUnit", read, HttpStatusCode.OK);
        var notModified = await Client.Send(HttpMethod.Get, unitUrl, ifNoneMatch: read.ETag());
        AssertTruthful(doc, "GetUnit", notModified, HttpStatusCode.NotModified);
        AssertAccepts(doc, "GetUnit", "If-None-Match");

        var updated = await Client.Send(HttpMethod.Put, unitUrl, new { name = "Sở Y tế tỉnh", kind = "Department" }, ifMatch: read.ETag());
        AssertTruthful(doc, "UpdateUnit", updated, HttpStatusCode.OK);
        Assert.NotEqual(read.ETag(), updated.ETag());
        AssertAccepts(doc, "UpdateUnit", "If-Match");
        AssertTruthful(doc, "DeactivateUnit", await Client.PostAsync($"{unitUrl}/deactivate", null), HttpStatusCode.OK);

        var list = await Client.GetAsync("/api/v1/tasks");
        AssertTruthful(doc, "ListTasks", list, HttpStatusCode.OK, "Vary");
        AssertTruthful(doc, "ListTasks", await Client.Send(HttpMethod.Get, "/api/v1/tasks", ifNoneMatch: list.ETag()), HttpStatusCode.NotModified);
        AssertTruthful(doc, "ListPlans", await Client.GetAsync("/api/v1/plans"), HttpStatusCode.OK);

        // A conditional write whose 201 is a report, not the task: a Location and no ETag.
        var task = await Client.GetAsync($"/api/v1/tasks/{taskId}");
        AssertTruthful(doc, "GetTask", task, HttpStatusCode.OK);
        var report = await Client.Send(HttpMethod.Post, $"/api/v1/tasks/{taskId}/progress", AccessApi.Report("SNV"), ifMatch: task.ETag());
        AssertTruthful(doc, "ReportProgress", report, HttpStatusCode.Created);
        Assert.Null(report.Headers.ETag);

        // A step: a plan created, given a task, read and issued on its ETag.
        var plan = await Client.PostJson(PlansApi.Url, new { year = 2025, title = "Kế hoạch kiểm tra tiêu đề" });
        AssertTruthful(doc, "CreatePlan", plan, HttpStatusCode.Created);
        var planUrl = plan.Headers.Location!.OriginalString;
        AssertTruthful(doc, "CreateTask", await Client.PostJson($"{planUrl}/tasks", PlansApi.TaskBody()), HttpStatusCode.Created);
        var current = await Client.GetAsync(planUrl);
        AssertTruthful(doc, "GetPlan", current, HttpStatusCode.OK);
        var issued = await Client.Send(HttpMethod.Post, $"{planUrl}/issue", new { number = "12/KH-UBND", issueDate = "2025-01-10" }, ifMatch: current.ETag());
        AssertTruthful(doc, "IssuePlan", issued, HttpStatusCode.OK);

        var key = await Client.PostJson("/api/v1/api-keys", new { name = "tích hợp", role = "Reader" });
        AssertTruthful(doc, "CreateApiKey", key, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Download_SendsExactlyTheHeadersTheDocumentDeclares()
    {
        var doc = await Document();
        var (taskId, reportId) = await Client.Report();
        var bytes = File(PdfHead, 10_000);
        var upload = await Client.Upload(taskId, reportId, bytes);
        AssertTruthful(doc, "AddProgressReportAttachment", upload, HttpStatusCode.Created);
        var url = upload.Headers.Location!.OriginalString;

        var whole = await Client.GetAsync(url);
        AssertTruthful(doc, "GetAttachmentContent", whole, HttpStatusCode.OK);

        using var part = new HttpRequestMessage(HttpMethod.Get, url);
        part.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await Client.SendAsync(part);
        AssertTruthful(doc, "GetAttachmentContent", partial, HttpStatusCode.PartialContent);
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());
        AssertAccepts(doc, "GetAttachmentContent", "Range");

        using var outside = new HttpRequestMessage(HttpMethod.Get, url);
        outside.Headers.Range = new RangeHeaderValue(20_000, 20_100);
        AssertTruthful(doc, "GetAttachmentContent", await Client.SendAsync(outside), HttpStatusCode.RequestedRangeNotSatisfiable);

        AssertTruthful(doc, "GetAttachmentContent", await Client.Send(HttpMethod.Get, url, ifNoneMatch: whole.ETag()), HttpStatusCode.NotModified);
        AssertAccepts(doc, "GetAttachmentContent", "If-None-Match");
    }

    [Fact]
    public async Task Exports_SendExactlyTheHeadersTheDocumentDeclares()
    {
        var doc = await Document();
        await Client.Report();

        AssertTruthful(doc, "ListUnits", await Client.GetAsync("/api/v1/units"), HttpStatusCode.OK, "Vary");
        var units = await Client.GetAsync("/api/v1/units?format=csv");
        AssertTruthful(doc, "ListUnits", units, HttpStatusCode.OK, "Vary");
        Assert.Equal("attachment", units.Content.Headers.ContentDisposition?.DispositionType);

        var tasks = await Client.GetAsync("/api/v1/tasks?format=csv");
        AssertTruthful(doc, "ListTasks", tasks, HttpStatusCode.OK, "Vary");
        using var asExcel = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tasks/summary");
        asExcel.Headers.Accept.ParseAdd("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        AssertTruthful(doc, "GetTaskSummary", await Client.SendAsync(asExcel), HttpStatusCode.OK, "Vary");
    }

    [Fact]
    public async Task Document_DeclaresTheHeadersOfEachKindOfAnswer()
    {
        var doc = await Document();

        Assert.Equal(["ETag"], Declared(doc, "GetUnit", "200"));
        Assert.Equal(["ETag"], Declared(doc, "GetUnit", "304"));
        Assert.Equal(["ETag", "Location"], Declared(doc, "CreateUnit", "201"));
        Assert.Equal(["Location"], Declared(doc, "CreateApiKey", "201"));
        Assert.Equal(["Location"], Declared(doc, "ReplayWebhookDelivery", "202"));
        Assert.Equal(["ETag"], Declared(doc, "SubmitDossier", "200"));
        Assert.Equal(["ETag"], Declared(doc, "GetCovenant", "200"));
        Assert.Empty(Declared(doc, "ListPlans", "200"));
        Assert.Equal(["Accept-Ranges", "Content-Disposition", "Content-Range", "ETag", "Last-Modified", "Repr-Digest"], Declared(doc, "GetAttachmentContent", "206"));
        Assert.Equal(["ETag", "Last-Modified", "Repr-Digest"], Declared(doc, "GetAttachmentContent", "304"));
        Assert.Equal(["Content-Range"], Declared(doc, "GetAttachmentContent", "416"));
        Assert.Equal(["Content-Disposition", "ETag", "Vary"], Declared(doc, "GetRanking", "200"));
        Assert.Equal(["Retry-After"], Declared(doc, "GetUnit", "503"));
    }

    private async Task<JsonNode> Document()
    {
        using var anonymous = Factory.ClientWithKey(null);
        return JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!;
    }

    private static JsonNode Operation(JsonNode doc, string operationId) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Single(o => (string?)o.Value!["operationId"] == operationId).Value!;

    private static string[] Declared(JsonNode doc, string operationId, string status) =>
        [.. (Operation(doc, operationId)["responses"]![status]!["headers"]?.AsObject() ?? []).Select(h => h.Key).Order(StringComparer.Ordinal)];

    /// <summary>Every watched header sent is declared on the answer's status; every header declared as required was sent.</summary>
    private static void AssertTruthful(JsonNode doc, string operationId, HttpResponseMessage response, HttpStatusCode? expected = null, params string[] alsoWatched)
    {
        if (expected is { } status) Assert.Equal(status, response.StatusCode);
        var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var answer = Operation(doc, operationId)["responses"]![code];
        Assert.True(answer is not null, $"{operationId} answered {code}, which the document does not list");
        var declared = answer!["headers"]?.AsObject() ?? [];
        foreach (var name in Watched.Concat(alsoWatched).Where(n => Sent(response, n)))
            Assert.True(declared.ContainsKey(name), $"{operationId} {code} sent {name}, which the document does not declare");
        foreach (var (name, header) in declared.Where(h => (bool?)h.Value!["required"] == true))
            Assert.True(Sent(response, name), $"{operationId} {code} declares {name} as always sent, but it was not");
    }

    private static void AssertAccepts(JsonNode doc, string operationId, string header) =>
        Assert.Contains(Operation(doc, operationId)["parameters"]!.AsArray(), p => (string?)p!["in"] == "header" && (string?)p["name"] == header);

    private static bool Sent(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);
}

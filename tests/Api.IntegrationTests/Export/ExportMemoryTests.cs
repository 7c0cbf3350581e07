using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using Xunit.Abstractions;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Export;

/// <summary>
/// A large export streams: 20,000 tasks with long contents (~19 MB of CSV) go out while the server holds a few buffers.
/// The client reads the first 256 KiB and pauses; the server, held by the response's back-pressure, has then read only
/// a few of the rows, so the managed heap holds far less than the file. A server that read every row first (a list),
/// or wrote the file to memory before sending it, would hold the whole file here and fail. The tests of this assembly
/// run one at a time (one collection), so the process's heap is the server's and this client's.
/// </summary>
public sealed class ExportMemoryTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    private const int Tasks = 20_000;

    /// <summary>What the heap may grow by mid-export: buffers and a few rows, far below the file (~19 MB of CSV, ~24 MB of strings as rows).</summary>
    private const long HeapBound = 6L * 1024 * 1024;

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ListTasks_AsAFileOf20000Tasks_StreamsWithAFlatHeap(string format)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var planId = (string)(await Client.CreatePlan(2025, "Kế hoạch lớn"))["id"]!;
        var taskId = (string)(await Client.CreateTask(planId, "Recurring", 1, "Việc mẫu", Recurring(), [Unit("SNV")]))["id"]!;
        // Set-based: the tasks are copies of the one above, each with a content of ~600 characters.
        await Factory.ScalarAsync<int>($"""
            WITH added AS (
              INSERT INTO tasks (id, plan_id, "group", sequence, content, deadline, lead_text, coordinator_text, timing_text, status,
                                 report_count, timing_kind, timing_condition, created_at, updated_at)
              SELECT gen_random_uuid(), t.plan_id, t."group", t.sequence + g, repeat('Tổ chức phong trào thi đua số ' || g || ' ', 20),
                     t.deadline, t.lead_text, t.coordinator_text, t.timing_text, t.status, 0, t.timing_kind, t.timing_condition, now(), now()
                FROM tasks t, generate_series(1, {Tasks - 1}) g WHERE t.id = '{taskId}'
              RETURNING 1)
            SELECT count(*)::int FROM added
            """);
        using var client = Factory.CreateClient();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync($"/api/v1/tasks?format={format}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long read = 0;
        int n;
        while (read < 256 * 1024 && (n = await ReadAsync(body, buffer)) > 0) read += n;
        var heapMidway = GC.GetTotalMemory(forceFullCollection: true);
        var firstBytes = clock.Elapsed;
        while ((n = await ReadAsync(body, buffer)) > 0) read += n;

        output.WriteLine($"{format}: {read / 1024.0 / 1024:F1} MiB in {clock.Elapsed.TotalMilliseconds:F0} ms (the first 256 KiB after {firstBytes.TotalMilliseconds:F0} ms); " +
                         $"heap {heapBefore / 1024.0 / 1024:F1} → {heapMidway / 1024.0 / 1024:F1} MiB midway");
        Assert.True(read > (format == "csv" ? 16L * 1024 * 1024 : 256L * 1024), $"The file has {read:N0} bytes.");
        Assert.True(heapMidway - heapBefore < HeapBound, $"Midway the heap had grown by {heapMidway - heapBefore:N0} bytes; the bound is {HeapBound:N0}.");
        Assert.Equal(MediaTypeHeaderValue.Parse(format == "csv" ? "text/csv; charset=utf-8" : ExportFiles.Xlsx).MediaType, response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> ReadAsync(Stream body, byte[] buffer) => await body.ReadAsync(buffer);
}

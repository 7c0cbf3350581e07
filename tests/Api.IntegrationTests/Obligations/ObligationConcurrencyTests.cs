using System.Globalization;
using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using EmulationApi.Infrastructure.Persistence;
using Npgsql;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>
/// Reports that land at once on one task — by its leads and its coordinators, several on one obligation — are all
/// accepted and all kept, and the task's status derived after the last is the rule's. The burst is made truly
/// concurrent: writes to progress_reports are held until every request has read the state (ApiFactory.HoldWritesAsync).
/// </summary>
public sealed class ObligationConcurrencyTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private static readonly string[] Leads = [.. Enumerable.Range(1, 10).Select(i => $"L{i:00}")];
    private static readonly string[] Coordinators = [.. Enumerable.Range(1, 10).Select(i => $"C{i:00}")];

    private async Task<string> IssuedTask(string[] leads, string[] coordinators)
    {
        foreach (var code in leads.Concat(coordinators)) await Client.CreateUnit(code, $"Đơn vị {code}");
        var plan = await Client.CreatePlan(2026, "Kế hoạch thử năm 2026");
        var task = await Client.CreateTask(plan["id"]!, "Q1", 1, timing: Month(3),
            leads: [.. leads.Select(Unit)], coordinators: [.. coordinators.Select(Unit)]);
        await Client.IssuePlan(plan["id"]!, "15/KH-UBND", "2026-01-20");
        return (string)task["id"]!;
    }

    /// <summary>Sends every request while writes to progress_reports are held; lets them go once all are waiting.</summary>
    private async Task<HttpResponseMessage[]> AtOnce(IReadOnlyList<Func<Task<HttpResponseMessage>>> requests)
    {
        Task<HttpResponseMessage[]> sending;
        var gate = await Factory.HoldWritesAsync("progress_reports");
        try
        {
            sending = Task.WhenAll(requests.Select(send => send()));
            await gate.WaitForWaitingWritersAsync(requests.Count);
        }
        finally
        {
            await gate.DisposeAsync();
        }
        return await sending;
    }

    [Fact]
    public async Task ReportProgress_ByLeadsAndCoordinatorsAtOnce_KeepsEveryReportAndDerivesTheStatusFromTheLeads()
    {
        var id = await IssuedTask(Leads, Coordinators);
        // 20 reports on 20 different obligations (each lead done on its own day of March, each coordinator in progress)
        // and 5 more on L01's obligation, all at once.
        var burst = Leads.Select((code, i) => (Code: code, Status: "Done", On: $"2026-03-{i + 10:00}", Text: $"{code} hoàn thành"))
            .Concat(Coordinators.Select(code => (Code: code, Status: "InProgress", On: "2026-03-05", Text: $"{code} đang phối hợp")))
            .Concat(Enumerable.Range(1, 5).Select(n => (Code: "L01", Status: "Done", On: "2026-03-10", Text: $"L01 bổ sung hồ sơ {n}")))
            .ToList();

        var responses = await AtOnce([.. burst.Select(r => (Func<Task<HttpResponseMessage>>)(() => Client.PostReport(id, r.Status, r.On, r.Code, r.Text)))]);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(25L, await Factory.Count("progress_reports"));
        Assert.Equal(burst.Select(r => r.Text).Order(StringComparer.Ordinal),
            await Factory.RowsAsync("SELECT text FROM progress_reports ORDER BY text COLLATE \"C\"", r => r.GetString(0)));
        // Each obligation counts its own reports and took its own status; nothing crossed over.
        var shares = await Factory.ObligationsAsync();
        Assert.Equal(20, shares.Count);
        Assert.All(shares, o => Assert.Equal(
            (o.UnitCode == "L01" ? 6 : 1, o.Role == "Lead" ? "Done" : "InProgress"), (o.ReportCount, o.Status)));
        Assert.Equal(0L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM progress_reports r JOIN obligations o ON o.id = r.obligation_id WHERE o.unit_id <> r.reporting_unit_id"));
        // Every lead done: Done, dated by the last lead (L10, 19 March); the coordinators' reports changed nothing of it.
        var task = await Client.GetTask(id, "2026-06-01");
        Assert.Equal(("Done", "2026-03-19", "DoneOnTime", 25), ((string)task["status"]!, (string)task["completedOn"]!, (string)task["timeliness"]!, (int)task["reportCount"]!));
        Assert.Equal((10, 10), ((int)task["leadObligations"]!["total"]!, (int)task["leadObligations"]!["doneOnTime"]!));
        Assert.Equal((10, 10), ((int)task["coordinatorObligations"]!["total"]!, (int)task["coordinatorObligations"]!["overdue"]!));
    }

    /// <summary>Issue 13: "Twenty simultaneous valid progress reports on one task … are all accepted and kept in order."</summary>
    [Fact]
    public async Task ReportProgress_TwentySimultaneousReportsByTheLead_AreAllAcceptedAndKeptInOrder()
    {
        var id = await IssuedTask(["SNV"], []);
        var texts = Enumerable.Range(1, 20).Select(n => $"Báo cáo số {n:00}").ToList();

        var responses = await AtOnce([.. texts.Select(t => (Func<Task<HttpResponseMessage>>)(() => Client.PostReport(id, "InProgress", "2026-02-10", "SNV", t)))]);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var history = await (await Client.GetAsync($"{TasksUrl}/{id}/progress?pageSize=100")).ExpectJson(HttpStatusCode.OK);
        var items = history["items"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(20, (int)history["totalCount"]!);
        Assert.Equal(texts, items.Select(r => (string)r["text"]!).Order(StringComparer.Ordinal));
        // Newest first, by the time the server received each; one obligation holds them all.
        var received = items.Select(r => DateTimeOffset.Parse((string)r["createdAt"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(received.OrderDescending(), received);
        Assert.Single(items.Select(r => (string?)r["obligationId"]).Distinct());
        var share = (await Factory.ObligationsAsync()).Single();
        Assert.Equal((20, "InProgress"), (share.ReportCount, share.Status));
        var task = await Client.GetTask(id);
        Assert.Equal(("InProgress", 20, "2026-02-10"), ((string)task["status"]!, (int)task["reportCount"]!, (string)task["lastReportedOn"]!));
    }

    /// <summary>
    /// Issue 15: a report is read and checked before the feed lock and holds it only to write. With the lock held
    /// elsewhere (a long writer), a report the rules refuse answers at once; an accepted one waits for the lock, then lands.
    /// </summary>
    [Fact]
    public async Task ReportProgress_WhileAnotherWriterHoldsTheFeedLock_IsCheckedWithoutWaitingAndWrittenAfter()
    {
        var id = await IssuedTask(["SNV"], []);
        await Client.CreateUnit("SYT", "Sở Y tế");

        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        var holding = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtext('{Schema.FeedLockKey}'))", other, holding))
            await take.ExecuteNonQueryAsync();

        var refused = Client.PostReport(id, "Done", "2026-03-10", "SYT");
        Assert.Same(refused, await Task.WhenAny(refused, Task.Delay(TimeSpan.FromSeconds(20))));
        var problem = await (await refused).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("SYT holds no obligation on this task", (string?)problem["detail"]);

        var accepted = Client.PostReport(id, "InProgress", "2026-03-10", "SNV", "Đang triển khai");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(accepted.IsCompleted);
        Assert.Equal(0L, await Factory.Count("progress_reports"));
        await holding.RollbackAsync();

        var report = await (await accepted).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(("SNV", "InProgress", "Đang triển khai"), ((string)report["reportingUnitCode"]!, (string)report["status"]!, (string)report["text"]!));
        Assert.Equal(("InProgress", 1), ((string)(await Client.GetTask(id))["status"]!, (int)(await Client.GetTask(id))["reportCount"]!));
    }
}

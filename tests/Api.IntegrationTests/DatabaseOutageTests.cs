using System.Net;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Issue 13: while PostgreSQL cannot be reached, every request that needs it answers 503 problem+json with
/// <c>Retry-After</c> (never 500), reads and writes alike, in every group of operations; the health checks say the same.
/// </summary>
public sealed class DatabaseUnreachableTests(UnreachableDatabaseFactory factory) : IClassFixture<UnreachableDatabaseFactory>
{
    private const string Id = "0b6f3c1e-6a53-4c1e-9d5a-0d2b1f7c9a11";

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", "/api/v1/units", null },
        { "GET", "/api/v1/units/by-code/SNV", null },
        { "POST", "/api/v1/units", """{"code":"SNV","name":"Sở Nội vụ","kind":"Department"}""" },
        { "GET", "/api/v1/plans", null },
        { "POST", "/api/v1/plans", """{"year":2026,"title":"Kế hoạch thi đua năm 2026"}""" },
        { "GET", "/api/v1/tasks", null },
        { "GET", $"/api/v1/tasks/{Id}", null },
        { "POST", $"/api/v1/tasks/{Id}/progress", """{"reportedOn":"2026-03-10","reportingUnitCode":"SNV","status":"InProgress","text":"Đã triển khai."}""" },
        { "GET", "/api/v1/obligations", null },
        { "POST", $"/api/v1/obligations/{Id}/extend", """{"deadline":"2026-12-31","reason":"Chờ kinh phí."}""" },
        { "GET", "/api/v1/clusters", null },
        { "POST", "/api/v1/clusters", """{"year":2026,"kind":"Cluster","scope":"Provincial","name":"Cụm thi đua số 1"}""" },
        { "GET", "/api/v1/movements", null },
        { "GET", "/api/v1/api-keys", null },
        { "POST", "/api/v1/api-keys", """{"name":"Cổng dịch vụ công","role":"Reader"}""" },
        { "GET", "/api/v1/audit", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Request_WhenDatabaseUnreachable_Returns503ProblemWithRetryAfter(string method, string url, string? body)
    {
        using var client = factory.CreateContractClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : TestHttp.Json(body) };

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is unavailable.", (string?)problem["title"]);
        Assert.Equal("The service cannot reach its database for the moment. Retry after the number of seconds in Retry-After; "
                     + "a write that got this answer may or may not have been carried out, so read before you repeat it.", (string?)problem["detail"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Issue 14: the outage is told in Vietnamese to a client that prefers it; the status and Retry-After are the same.</summary>
    [Fact]
    public async Task Request_InVietnameseWhenDatabaseUnreachable_Returns503ProblemInVietnamese()
    {
        using var client = factory.CreateContractClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units");
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi-VN, en;q=0.8");

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Cơ sở dữ liệu tạm thời không truy cập được.", (string?)problem["title"]);
        Assert.Equal("Dịch vụ tạm thời không kết nối được với cơ sở dữ liệu. Hãy thử lại sau số giây nêu trong Retry-After; "
                     + "yêu cầu ghi nhận được câu trả lời này có thể đã hoặc chưa được thực hiện, vì vậy hãy đọc lại trước khi gửi lại.", (string?)problem["detail"]);
        Assert.Equal(["vi"], response.Content.Headers.ContentLanguage);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>A key the server does not hold in memory must be looked up: without the database it can be neither accepted nor refused.</summary>
    [Fact]
    public async Task Request_WithAStoredKeyWhenDatabaseUnreachable_Returns503NotUnauthorized()
    {
        using var client = factory.CreateContractClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "emk_abcdefgh_0123456789abcdef0123456789abcdef");

        var response = await client.GetAsync("/api/v1/units");

        var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is unavailable.", (string?)problem["title"]);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>What needs no database is answered as ever: a key too short to be one is refused without a lookup.</summary>
    [Fact]
    public async Task Request_WithAMalformedKeyWhenDatabaseUnreachable_StillReturns401()
    {
        using var client = factory.CreateContractClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "too-short");

        var response = await client.GetAsync("/api/v1/units");

        await response.ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.RetryAfter);
    }

    /// <summary>A browser client on a configured origin can read when to come back.</summary>
    [Fact]
    public async Task Request_FromAnAllowedOriginWhenDatabaseUnreachable_ExposesRetryAfter()
    {
        using var client = factory.CreateContractClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tasks");
        request.Headers.Add("Origin", UnreachableDatabaseFactory.Origin);

        var response = await client.SendAsync(request);

        await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(UnreachableDatabaseFactory.Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")).Split(',').Select(h => h.Trim()));
    }
}

/// <summary>
/// The database drops the API's connections (as it does when it is stopped or restarted; here by pg_terminate_backend,
/// which ends a session with SQLSTATE 57P01 admin_shutdown): the request in flight answers 503 and writes nothing,
/// and the API carries on without a restart.
/// </summary>
public sealed class DatabaseConnectionLossTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    private const string EndApiSessions = """
        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        """;

    private async Task<string> IssuedTask()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var plan = await Client.CreatePlan(2026, "Kế hoạch thử năm 2026");
        var task = await Client.CreateTask(plan["id"]!, "Q1", 1, timing: Month(3), leads: [Unit("SNV")]);
        await Client.IssuePlan(plan["id"]!, "15/KH-UBND", "2026-01-20");
        return (string)task["id"]!;
    }

    [Fact]
    public async Task ReportProgress_WhenTheDatabaseEndsTheSessionMidWrite_Returns503AndWritesNothing_AndTheNextReportSucceeds()
    {
        var id = await IssuedTask();
        Task<HttpResponseMessage> sending;
        await using (var gate = await Factory.HoldWritesAsync("progress_reports"))
        {
            sending = Client.PostReport(id, "InProgress", "2026-02-10", "SNV", "Báo cáo bị ngắt");
            await gate.WaitForWaitingWritersAsync(1);
            await Factory.ScalarAsync<long>("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                """);
        }

        var response = await sending;

        var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is unavailable.", (string?)problem["title"]);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0L, await Factory.Count("progress_reports"));
        await Client.Report(id, "InProgress", "2026-02-10", "SNV", "Báo cáo gửi lại");
        Assert.Equal(1L, await Factory.Count("progress_reports"));
    }

    /// <summary>
    /// After a restart of PostgreSQL the connections the pool kept idle are dead at the server's end. The first request
    /// that meets one answers 503 and has the pool emptied; the requests after it get fresh connections, not one dead
    /// connection each.
    /// </summary>
    [Fact]
    public async Task Requests_AfterTheDatabaseEndedEveryIdleSession_OnlyTheFirstMeetsADeadConnection()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        // Several of the API's connections open at once, then back in its pool idle (requests sent together may not
        // overlap enough to open them).
        var scopes = Enumerable.Range(0, 6).Select(_ => Factory.Services.CreateAsyncScope()).ToList();
        foreach (var scope in scopes)
            await ((DbContext)scope.ServiceProvider.GetRequiredService<IAppDbContext>()).Database.OpenConnectionAsync();
        foreach (var scope in scopes) await scope.DisposeAsync();

        var responses = new List<HttpResponseMessage>();
        try
        {
            Assert.True(await Factory.ScalarAsync<long>(EndApiSessions) >= 4, "The pool should have held several idle connections.");
            for (var i = 0; i < 8; i++) responses.Add(await Client.GetAsync(UnitsApi.Url));
        }
        finally
        {
            // Whatever the outcome, later tests share this process's pool.
            NpgsqlConnection.ClearAllPools();
        }

        if (responses[0].StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            await responses[0].ExpectProblem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), responses[0].Headers.RetryAfter?.Delta);
        }
        else Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.All(responses.Skip(1), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var units = await responses[^1].ExpectJson(HttpStatusCode.OK);
        Assert.Equal("SNV", (string?)units["items"]![0]!["code"]);
    }
}

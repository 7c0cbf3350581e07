using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EmulationApi.Api.Hosting;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EmulationApi.Api.IntegrationTests.Hosting;

public sealed class TelemetryTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void Telemetry_WhenNoEndpointIsConfigured_IsOff()
    {
        Assert.Null(Factory.Services.GetService<TracerProvider>());
        Assert.Null(Factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Telemetry_WithAnOtlpEndpoint_ExportsTheRequestItsUseCaseItsSqlAndTheMetrics()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var server = Factory.WithWebHostBuilder(b => b.UseSetting(Telemetry.EndpointKey, collector.Address));
        // The caller's trace context, sampled: the server joins it. The client propagates nothing of its own: the test
        // process's HttpClient would otherwise send the context of whatever listener an earlier test left behind —
        // unsampled, and the server rightly drops a trace its caller did not sample.
        var traceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using (var started = server.CreateClient())
        using (var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = started.BaseAddress })
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
            client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}-01");
            var created = await client.PostAsJsonAsync("/api/v1/units", new { code = "OTEL-1", name = "Sở Thử nghiệm", kind = "Department" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/units?q=OTEL")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        // Stopping the server flushes both exporters: what was recorded must have reached the collector by then.
        await server.DisposeAsync();

        var traces = collector.Received("/v1/traces");
        Assert.Contains("GET /api/v1/units", traces, StringComparison.Ordinal);     // the HTTP server span (method + route)
        Assert.Contains("ListUnitsQuery", traces, StringComparison.Ordinal);       // the use case's span
        Assert.Contains("CreateUnitCommand", traces, StringComparison.Ordinal);
        Assert.Contains("postgresql", traces, StringComparison.Ordinal);           // Npgsql's command spans (db.system)
        Assert.DoesNotContain("/health/live", traces, StringComparison.Ordinal);   // probes are not traced
        Assert.Contains("emulation-api", traces, StringComparison.Ordinal);        // the resource's service.name
        Assert.Contains(Encoding.Latin1.GetString(Convert.FromHexString(traceId)), traces, StringComparison.Ordinal); // the caller's trace continued

        var metrics = collector.Received("/v1/metrics");
        Assert.Contains("http.server.request.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("emulation.use_case.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("ListUnitsQuery", metrics, StringComparison.Ordinal);
        Assert.All(collector.ContentTypes, t => Assert.Equal("application/x-protobuf", t));
    }

    [Fact]
    public async Task Telemetry_AfterAnImport_CountsItsRowsByResult()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var server = Factory.WithWebHostBuilder(b => b.UseSetting(Telemetry.EndpointKey, collector.Address));
        using (var client = server.CreateClient())
        {
            using var body = new StringContent("code,name,kind\nOTEL-A,Sở A,Department\nOTEL-B,Sở B,Department\n", Encoding.UTF8, "text/csv");
            var imported = await client.PostAsync("/api/v1/units/import", body);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }
        await server.DisposeAsync();

        var metrics = collector.Received("/v1/metrics");
        Assert.Contains("emulation.units.import.rows", metrics, StringComparison.Ordinal);
        Assert.Contains("created", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://127.0.0.1:4318")]
    public void Telemetry_WithAnUnusableEndpoint_StopsTheStart(string endpoint)
    {
        var server = Factory.WithWebHostBuilder(b => b.UseSetting(Telemetry.EndpointKey, endpoint));
        var refused = Assert.Throws<InvalidOperationException>(() => server.CreateClient());
        Assert.Contains(Telemetry.EndpointKey, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An OTLP/HTTP collector for the test: it keeps every body posted to it. OTLP bodies are protobuf, whose strings
    /// travel as plain UTF-8, so span, metric and attribute names can be found in them as text.
    /// </summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> posts = new();

        private OtlpCollector(WebApplication app) => this.app = app;

        public string Address => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public IEnumerable<string?> ContentTypes => posts.Select(p => p.ContentType);

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var collector = new OtlpCollector(builder.Build());
            collector.app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                collector.posts.Enqueue((request.Path, request.ContentType, buffer.ToArray()));
                return Results.Ok();
            });
            await collector.app.StartAsync();
            return collector;
        }

        /// <summary>Everything posted to <paramref name="path"/>, as text (Latin-1 keeps every byte; names are ASCII).</summary>
        public string Received(string path) =>
            string.Concat(posts.Where(p => p.Path == path).Select(p => Encoding.Latin1.GetString(p.Body)));

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

using EmulationApi.Application.Common.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EmulationApi.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP — off unless <c>Telemetry:OtlpEndpoint</c> names a collector
/// (README → Observability). Traces: each HTTP request, the use case it runs (<see cref="UseCaseTelemetry"/>), and its
/// Npgsql commands. Metrics: ASP.NET Core's request counts and durations, the use cases' durations, imported rows,
/// Npgsql's connection and command metrics, the runtime's GC and thread-pool figures.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string ProtocolKey = "Telemetry:OtlpProtocol";
    public const string ServiceNameKey = "Telemetry:ServiceName";

    /// <summary>Npgsql's own activity source and meter (Npgsql 8+ emits both; subscribing is all it takes).</summary>
    private const string Npgsql = "Npgsql";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (Endpoint(configuration) is not { } endpoint) return services;
        var protocol = Protocol(configuration);
        var serviceName = configuration[ServiceNameKey] is { Length: > 0 } name ? name : "emulation-api";

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                // Probes are not traced: a load balancer polls them every few seconds.
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddSource(UseCaseTelemetry.Name, Npgsql))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(UseCaseTelemetry.Name, Npgsql))
            .UseOtlpExporter(protocol, endpoint);
        services.AddHostedService<FlushOnStop>();
        return services;
    }

    /// <summary>
    /// Exports what is still buffered once the server has stopped (the last requests' spans, the metrics since the last
    /// periodic export), while the services the exporters use are still alive. Left to the providers' own disposal, the
    /// final export raced the container's teardown and was sometimes lost under load.
    /// </summary>
    private sealed class FlushOnStop(TracerProvider tracing, MeterProvider metrics) : IHostedLifecycleService
    {
        private const int TimeoutMilliseconds = 5_000;

        public Task StoppedAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(TimeoutMilliseconds);
            metrics.ForceFlush(TimeoutMilliseconds);
            return Task.CompletedTask;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The collector's base address, or null (telemetry off); anything but an absolute http(s) address stops the start.</summary>
    private static Uri? Endpoint(IConfiguration configuration)
    {
        var value = configuration[EndpointKey]?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{EndpointKey} must be an absolute http or https address of an OTLP collector (such as http://127.0.0.1:4318); it is '{value}'.");
        return uri;
    }

    private static OtlpExportProtocol Protocol(IConfiguration configuration) => configuration[ProtocolKey]?.Trim() switch
    {
        null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        "grpc" => OtlpExportProtocol.Grpc,
        var other => throw new InvalidOperationException($"{ProtocolKey} must be 'http/protobuf' (the default) or 'grpc'; it is '{other}'."),
    };
}

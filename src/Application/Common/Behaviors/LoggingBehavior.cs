using System.Diagnostics;
using EmulationApi.Application.Common.Telemetry;
using MediatR;
using Microsoft.Extensions.Logging;

namespace EmulationApi.Application.Common.Behaviors;

/// <summary>
/// Observes each use case: one structured log line with its name, outcome and duration, and — when the host exports
/// telemetry (README → Observability) — a span named after it and a sample of <c>emulation.use_case.duration</c>.
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string UseCase = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = UseCaseTelemetry.Source.StartActivity(UseCase);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started);
            UseCaseTelemetry.RecordUseCase(UseCase, "ok", elapsed);
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Use case {UseCase} succeeded in {ElapsedMs:0.0} ms", UseCase, elapsed.TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var outcome = ex.GetType().Name;
            UseCaseTelemetry.RecordUseCase(UseCase, outcome, elapsed);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            logger.LogInformation("Use case {UseCase} failed with {Error} in {ElapsedMs:0.0} ms", UseCase, outcome, elapsed.TotalMilliseconds);
            throw;
        }
    }
}

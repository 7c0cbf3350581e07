using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EmulationApi.Application.Common.Telemetry;

/// <summary>
/// The API's own traces and metrics, with the runtime's types only (<see cref="ActivitySource"/>, <see cref="Meter"/>):
/// nothing is recorded or exported unless the host subscribes to <see cref="Name"/> (README → Observability).
/// </summary>
public static class UseCaseTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "EmulationApi";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "emulation.use_case.duration", "s", "How long a use case took, by use case and outcome (ok, or the exception's type).");

    private static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>(
        "emulation.units.import.rows", "{row}", "Rows of committed unit imports, by what became of them (created, updated, unchanged).");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "emulation.webhooks.deliveries", "{delivery}", "Webhook deliveries claimed and sent, by result: delivered, retried (due again later) or failed (given up, or 410 Gone).");

    private static readonly Histogram<double> WebhookAttemptDuration = Meter.CreateHistogram<double>(
        "emulation.webhooks.request.duration", "s", "How long one webhook request took, by outcome (the HTTP status, or no_answer).");

    /// <summary>Counts one claimed delivery by what came of it (delivered, retried, failed).</summary>
    public static void RecordWebhookDelivery(string result) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Records one webhook request's duration under its outcome.</summary>
    public static void RecordWebhookAttempt(TimeSpan elapsed, string outcome) =>
        WebhookAttemptDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Records one use case's duration under its name and outcome.</summary>
    public static void RecordUseCase(string useCase, string outcome, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("use_case", useCase), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts the rows of a committed import (a dry run changes nothing and counts nothing).</summary>
    public static void RecordImport(int created, int updated, int unchanged)
    {
        ImportedRows.Add(created, new KeyValuePair<string, object?>("result", "created"));
        ImportedRows.Add(updated, new KeyValuePair<string, object?>("result", "updated"));
        ImportedRows.Add(unchanged, new KeyValuePair<string, object?>("result", "unchanged"));
    }
}

namespace EmulationApi.Domain.Webhooks;

/// <summary>One request sent for a delivery: when, what came back (status or error) and how long it took. Kept, never changed.</summary>
public sealed class WebhookDeliveryAttempt
{
    private WebhookDeliveryAttempt() { }

    public long Id { get; private set; }
    public Guid DeliveryId { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The HTTP status; null when no answer came (timeout, refused connection, target refused by the guard).</summary>
    public int? StatusCode { get; private set; }
    public int DurationMs { get; private set; }
    public string? Error { get; private set; }
}

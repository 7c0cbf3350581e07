namespace EmulationApi.Domain.Webhooks;

/// <summary>
/// One event of the webhook outbox: written in the same transaction as the change that causes it, never changed.
/// Writing it queues a delivery for every active subscription that wants it (a trigger in the same statement); the
/// <see cref="Position"/> orders the events, and so the deliveries of one subject.
/// </summary>
public sealed class WebhookEvent
{
    public const int TypeMaxLength = 50;
    public const int SubjectMaxLength = 200;

    private WebhookEvent() { }

    public Guid Id { get; private set; }
    /// <summary>The order events were written in (an identity): deliveries of one subject follow it.</summary>
    public long Position { get; private set; }
    /// <summary>One of <see cref="WebhookEventTypes.Known"/>.</summary>
    public string Type { get; private set; } = "";
    /// <summary>What the event is about, e.g. "task/{id}": deliveries of one subject to one subscription keep their order.</summary>
    public string Subject { get; private set; } = "";
    /// <summary>The plan it concerns (subscriptions may filter on it).</summary>
    public Guid? PlanId { get; private set; }
    /// <summary>The units it concerns, by code (subscriptions may filter on one).</summary>
    public string[] UnitCodes { get; private set; } = [];
    /// <summary>The delivery's <c>data</c>, as JSON.</summary>
    public string Data { get; private set; } = "{}";
    /// <summary>When the change was made (the API's clock, UTC): the deliveries are queued at this instant.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public static WebhookEvent Record(Guid id, string type, string subject, Guid? planId, IEnumerable<string> unitCodes, string data, DateTimeOffset occurredAt)
    {
        if (!WebhookEventTypes.Known.Contains(type, StringComparer.Ordinal))
            throw new ArgumentException($"'{type}' is not a webhook event type.", nameof(type));
        if (string.IsNullOrEmpty(subject) || subject.Length > SubjectMaxLength)
            throw new ArgumentException($"A subject has 1 to {SubjectMaxLength} characters.", nameof(subject));
        return new() { Id = id, Type = type, Subject = subject, PlanId = planId, UnitCodes = [.. unitCodes.Distinct(StringComparer.OrdinalIgnoreCase)], Data = data, OccurredAt = occurredAt };
    }
}

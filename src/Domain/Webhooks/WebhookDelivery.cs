using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Webhooks;

/// <summary>
/// One event owed to one subscription, and where its delivery stands. Queued by the outbox's trigger when the event is
/// written; the delivery worker sends it (at least once, in order per subscription and subject), records each attempt
/// and marks it delivered, or failed when the give-up time has passed; an admin may queue it again (<see cref="Replay"/>).
/// </summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    private WebhookDelivery() { }

    /// <summary>The message id (<c>webhook-id</c>): the same for every attempt and replay, so receivers can dedupe on it.</summary>
    public Guid Id { get; private set; }
    /// <summary>The queue order (an identity, in the events' order): a subject's delivery waits for the earlier ones.</summary>
    public long Sequence { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public Guid EventId { get; private set; }
    /// <summary>The event's subject, kept here for the order rule.</summary>
    public string Subject { get; private set; } = "";
    public WebhookDeliveryState State { get; private set; }
    /// <summary>Requests sent so far (every replay keeps counting).</summary>
    public int Attempts { get; private set; }
    /// <summary>When it was queued, or queued again by a replay: the give-up time counts from here.</summary>
    public DateTimeOffset QueuedAt { get; private set; }
    /// <summary>When it is due next (while pending); a worker that claims it pushes this past its lease.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    /// <summary>The HTTP status of the last attempt (null when there was no answer).</summary>
    public int? LastStatus { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>When it was delivered or given up.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Queues the delivery again (a receiver lost it, or was down past the give-up time). One still pending is refused.</summary>
    public void Replay(DateTimeOffset now)
    {
        if (State == WebhookDeliveryState.Pending)
            throw new DomainException(Localized.Text("The delivery is still pending: it will be sent without a replay.",
                "Lần gửi này vẫn đang chờ gửi, không cần gửi lại."));
        State = WebhookDeliveryState.Pending;
        QueuedAt = now;
        NextAttemptAt = now;
        FinishedAt = null;
    }
}

public enum WebhookDeliveryState
{
    /// <summary>Waiting to be sent, or to be retried.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Given up: no 2xx before the give-up time, or the receiver answered 410 Gone.</summary>
    Failed,
}

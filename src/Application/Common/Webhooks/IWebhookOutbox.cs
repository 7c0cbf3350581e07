namespace EmulationApi.Application.Common.Webhooks;

/// <summary>
/// Events for webhook subscribers, written to the outbox in the same transaction as the change that causes them
/// (README → Webhooks). Added events are written by the unit of work's next SaveChanges.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Adds one event; it is written with the unit of work's next SaveChanges, in its transaction.</summary>
    void Add(WebhookEventDraft draft);
}

/// <summary>
/// One event: its type (one of <c>WebhookEventTypes</c>), the entity it is about (deliveries of one subject keep their
/// order, e.g. "task/{id}"), the plan and units it concerns (what subscriptions filter on), and its data (serialized
/// as the delivery's <c>data</c>).
/// </summary>
public sealed record WebhookEventDraft(string Type, string Subject, Guid? PlanId, IReadOnlyList<string> UnitCodes, object Data);

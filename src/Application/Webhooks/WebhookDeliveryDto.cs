using System.Linq.Expressions;
using System.Text.Json;
using EmulationApi.Domain.Webhooks;

namespace EmulationApi.Application.Webhooks;

/// <summary>One delivery of a subscription's log: the event, where it stands and its last attempt.</summary>
/// <param name="Id">The message id receivers see as <c>webhook-id</c> (the same on every attempt and replay).</param>
/// <param name="NextAttemptAt">When it is due next; only while pending.</param>
public sealed record WebhookDeliveryDto(Guid Id, Guid EventId, string Type, string Subject, DateTimeOffset OccurredAt, WebhookDeliveryState State,
    int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError,
    DateTimeOffset? FinishedAt);

/// <summary>A delivery with the event's data and every request sent for it, oldest first.</summary>
public sealed record WebhookDeliveryDetailDto(WebhookDeliveryDto Delivery, JsonElement Data, IReadOnlyList<WebhookDeliveryAttemptDto> Attempts);

/// <summary>One request: when, the HTTP status (null without an answer), how long it took, what went wrong.</summary>
public sealed record WebhookDeliveryAttemptDto(DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

public static class WebhookDeliveryProjections
{
    private static readonly Expression<Func<WebhookDelivery, WebhookEvent, WebhookDeliveryDto>> Shape = (d, e) => new WebhookDeliveryDto(d.Id,
        e.Id, e.Type, e.Subject, e.OccurredAt, d.State, d.Attempts, d.QueuedAt, d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null,
        d.LastAttemptAt, d.LastStatus, d.LastError, d.FinishedAt);

    private static readonly Func<WebhookDelivery, WebhookEvent, WebhookDeliveryDto> ShapeOf = Shape.Compile();

    public static IQueryable<WebhookDeliveryDto> ToDtos(this IQueryable<WebhookDelivery> deliveries, IQueryable<WebhookEvent> events) =>
        deliveries.Join(events, d => d.EventId, e => e.Id, Shape);

    /// <summary>The same answer from rows already in hand (as written, not as re-read after a worker may have moved on).</summary>
    public static WebhookDeliveryDto ToDto(this WebhookDelivery delivery, WebhookEvent @event) => ShapeOf(delivery, @event);
}

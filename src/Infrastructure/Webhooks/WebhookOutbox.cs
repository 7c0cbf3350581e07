using System.Text.Json;
using System.Text.Json.Serialization;
using EmulationApi.Application.Common.Webhooks;
using EmulationApi.Domain.Webhooks;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// The request's outbox (scoped): events added by a use case wait here until the unit of work's next SaveChanges,
/// which writes them with the change, in its transaction (<see cref="Persistence.AppDbContext"/>).
/// </summary>
public sealed class WebhookOutbox : IWebhookOutbox
{
    /// <summary>Joins the scope's context, however the context was resolved (a use case's IAppDbContext, or a worker's
    /// AppDbContext): its next SaveChanges writes what is added here.</summary>
    public WebhookOutbox(Persistence.AppDbContext db) => db.Outbox = this;

    /// <summary>How an event's data is written: camelCase like the API's answers, enums by name, Vietnamese unescaped.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private readonly List<WebhookEventDraft> _pending = [];

    public void Add(WebhookEventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        _pending.Add(draft);
    }

    /// <summary>The events added since the last save, as rows stamped with <paramref name="now"/>; the outbox is empty afterwards.</summary>
    internal List<WebhookEvent> Take(DateTimeOffset now)
    {
        // EF inserts one SaveChanges' new rows of a table in the order of their keys: ids ascending in the order the
        // events were added make the positions the database gives them follow that order too (a subject's order).
        var ids = _pending.Select(_ => Guid.CreateVersion7(now)).Order().ToList();
        var events = _pending.Select((d, i) => WebhookEvent.Record(ids[i], d.Type, d.Subject, d.PlanId, d.UnitCodes, JsonSerializer.Serialize(d.Data, Json), now)).ToList();
        _pending.Clear();
        return events;
    }
}

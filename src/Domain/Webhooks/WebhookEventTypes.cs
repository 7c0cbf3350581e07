namespace EmulationApi.Domain.Webhooks;

/// <summary>The events a subscription may ask for (README → Webhooks), and <see cref="All"/> for every one of them.</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    public static readonly IReadOnlyList<string> Known =
    [
        "plan.issued",
        "plan.amended",
        "task.changed",
        "obligation.changed",
        "obligation.reminder",
        "movement.step",
        "covenant.published",
        "dossier.step",
    ];

    public static bool IsKnown(string type) => type == All || Known.Contains(type, StringComparer.Ordinal);
}

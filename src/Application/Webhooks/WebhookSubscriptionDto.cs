using EmulationApi.Domain.Webhooks;

namespace EmulationApi.Application.Webhooks;

/// <summary>A webhook subscription as an administrator sees it: never its secret.</summary>
public sealed record WebhookSubscriptionDto(Guid Id, string Url, IReadOnlyList<string> EventTypes, Guid? PlanId, string? UnitCode,
    string? Description, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

/// <summary>A subscription with its signing secret, shown this once (on creation and when the secret is rotated).</summary>
/// <param name="Secret">Standard Webhooks form: <c>whsec_</c> + base64 of 32 bytes; receivers verify signatures with it.</param>
public sealed record IssuedWebhookSubscriptionDto(WebhookSubscriptionDto Subscription, string Secret);

public static class WebhookSubscriptionProjections
{
    public static IQueryable<WebhookSubscriptionDto> ToDtos(this IQueryable<WebhookSubscription> subscriptions) =>
        subscriptions.Select(s => new WebhookSubscriptionDto(s.Id, s.Url, s.EventTypes, s.PlanId, s.UnitCode, s.Description, s.Active,
            s.CreatedAt, s.UpdatedAt, s.Version));
}

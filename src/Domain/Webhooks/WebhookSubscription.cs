using System.Security.Cryptography;
using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Webhooks;

/// <summary>
/// A system that wants to be told (a webhook subscription): where to deliver, which event types, optionally only one
/// plan's or one unit's events, and the secret the deliveries are signed with. The secret has the Standard Webhooks form
/// (<c>whsec_</c> + base64 of 32 random bytes); it is shown when the subscription is created or its secret rotated, and
/// kept to sign — never shown again.
/// </summary>
public sealed class WebhookSubscription : Entity
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;
    public const int MaxEventTypes = 20;
    private const string SecretScheme = "whsec_";

    private WebhookSubscription() { }

    public string Url { get; private set; } = "";
    public string[] EventTypes { get; private set; } = [];
    public Guid? PlanId { get; private set; }
    public string? UnitCode { get; private set; }
    public string? Description { get; private set; }
    public bool Active { get; private set; }
    public string Secret { get; private set; } = "";

    /// <summary>A new, active subscription and its secret in clear (to show once).</summary>
    public static (WebhookSubscription Subscription, string Secret) Create(WebhookTarget target)
    {
        var subscription = new WebhookSubscription { Active = true };
        subscription.Describe(target, active: true);
        return (subscription, subscription.RotateSecret());
    }

    /// <summary>Rewrites what the subscription asks for; the secret stays.</summary>
    public void Describe(WebhookTarget target, bool active)
    {
        var types = target.EventTypes.Distinct(StringComparer.Ordinal).ToArray();
        if (types.Length == 0 || types.Length > MaxEventTypes || types.Any(t => !WebhookEventTypes.IsKnown(t)))
            throw new DomainException(Localized.Text("A subscription names 1 to 20 known event types.", "Một đăng ký phải nêu từ 1 đến 20 loại sự kiện hợp lệ."));
        if (types.Length > 1 && types.Contains(WebhookEventTypes.All))
            throw new DomainException(Localized.Text("'*' already means every event type; give it alone.", "'*' đã bao gồm mọi loại sự kiện; hãy chỉ nêu riêng '*'."));
        Url = target.Url.AbsoluteUri;
        EventTypes = [.. types.Order(StringComparer.Ordinal)];
        PlanId = target.PlanId;
        UnitCode = target.UnitCode;
        Description = Text.Clean(target.Description);
        Active = active;
    }

    /// <summary>Replaces the signing secret and returns it in clear (to show once); deliveries are signed with it from now on.</summary>
    public string RotateSecret()
    {
        Secret = SecretScheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return Secret;
    }
}

/// <summary>What a subscription asks for: the target address, the event types and the optional plan and unit filters.</summary>
public sealed record WebhookTarget(Uri Url, IReadOnlyList<string> EventTypes, Guid? PlanId, string? UnitCode, string? Description);

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Webhooks;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>What a webhook subscription asks for, as a client writes it (create and update).</summary>
public abstract record WebhookSubscriptionFields
{
    /// <summary>Where deliveries are POSTed: an absolute http(s) address without user name or password.</summary>
    public string? Url { get; init; }

    /// <summary>The event types wanted (README → Webhooks), or <c>["*"]</c> for all.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Only events about this plan.</summary>
    public Guid? PlanId { get; init; }

    /// <summary>Only events about this unit (e.g. a ward's own system receiving only its reminders).</summary>
    public string? UnitCode { get; init; }

    /// <summary>Who the subscription is for, e.g. "Cổng dịch vụ công tỉnh".</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The subscription's target, checked against the registry and the forgery guard: an unknown plan or unit, or an
    /// address the API may not call, is a 400 on its field.
    /// </summary>
    internal async Task<WebhookTarget> ToTargetAsync(IAppDbContext db, IWebhookTargets targets, CancellationToken ct)
    {
        var url = new Uri(Url!.Trim(), UriKind.Absolute);
        if (await targets.RefusalAsync(url, ct) is { } refusal)
            throw new ValidationException([new ValidationFailure("url", refusal)]);
        if (PlanId is { } planId && !await db.Plans.AnyAsync(p => p.Id == planId, ct))
            throw new ValidationException([new ValidationFailure("planId", Localized.Text($"No plan has the id '{planId}'.", $"Không có kế hoạch nào mang mã '{planId}'."))]);
        var unitCode = UnitCode is { } code ? (await db.Units.ResolveCodeAsync("unitCode", code, ct)).Code : null;
        return new WebhookTarget(url, [.. EventTypes!.Select(t => t.Trim())], PlanId, unitCode, Description);
    }
}

public sealed class WebhookSubscriptionFieldsValidator : AbstractValidator<WebhookSubscriptionFields>
{
    public WebhookSubscriptionFieldsValidator()
    {
        RuleFor(x => x.Url).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(BeAnHttpAddress).WithMessage(_ => Localized.Text(
                "'url' must be an absolute http or https address without a user name or password.",
                "'url' phải là địa chỉ http hoặc https tuyệt đối, không kèm tên người dùng hay mật khẩu."));
        RuleFor(x => x.EventTypes).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(t => t!.Count <= WebhookSubscription.MaxEventTypes).WithMessage(_ => Localized.Text(
                $"At most {WebhookSubscription.MaxEventTypes} event types.", $"Tối đa {WebhookSubscription.MaxEventTypes} loại sự kiện."))
            .Must(t => t!.Count == 1 || !t.Any(x => x?.Trim() == WebhookEventTypes.All)).WithMessage(_ => Localized.Text(
                "'*' already means every event type; give it alone.", "'*' đã bao gồm mọi loại sự kiện; hãy chỉ nêu riêng '*'."));
        RuleForEach(x => x.EventTypes).Must(t => WebhookEventTypes.IsKnown(t.Trim())).WithMessage((_, t) => Localized.Text(
            $"'{t}' is not an event type; the known ones are {string.Join(", ", WebhookEventTypes.Known)} and '*'.",
            $"'{t}' không phải loại sự kiện; các loại hợp lệ là {string.Join(", ", WebhookEventTypes.Known)} và '*'."));
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
    }

    private static bool BeAnHttpAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
        && uri.Fragment.Length == 0;
}

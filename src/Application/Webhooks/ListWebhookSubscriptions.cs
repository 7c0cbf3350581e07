using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Webhooks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>List webhook subscriptions, newest first.</summary>
/// <param name="Active">Only active (true) or only paused (false) subscriptions.</param>
/// <param name="EventType">Only subscriptions that receive this event type (those subscribed to '*' included).</param>
public sealed record ListWebhookSubscriptionsQuery(bool? Active = null, string? EventType = null, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<WebhookSubscriptionDto>>, IPagedQuery;

public sealed class ListWebhookSubscriptionsValidator : AbstractValidator<ListWebhookSubscriptionsQuery>
{
    public ListWebhookSubscriptionsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.EventType).Must(t => t is null || WebhookEventTypes.IsKnown(t)).WithMessage((_, t) => Domain.Common.Localized.Text(
            $"'{t}' is not an event type.", $"'{t}' không phải loại sự kiện."));
    }
}

public sealed class ListWebhookSubscriptionsHandler(IAppDbContext db)
    : IRequestHandler<ListWebhookSubscriptionsQuery, PagedList<WebhookSubscriptionDto>>
{
    public Task<PagedList<WebhookSubscriptionDto>> Handle(ListWebhookSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        if (request.Active is { } active) subscriptions = subscriptions.Where(s => s.Active == active);
        if (request.EventType is { } type)
            subscriptions = subscriptions.Where(s => s.EventTypes.Contains(type) || s.EventTypes.Contains(WebhookEventTypes.All));
        return subscriptions.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToDtos().ToPagedListAsync(request, cancellationToken);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Webhooks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>A subscription's delivery log, newest first.</summary>
/// <param name="State">Only pending, delivered or failed deliveries.</param>
public sealed record ListWebhookDeliveriesQuery(WebhookDeliveryState? State = null, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<WebhookDeliveryDto>>, IPagedQuery
{
    internal Guid SubscriptionId { get; init; }

    public ListWebhookDeliveriesQuery For(Guid subscriptionId) => this with { SubscriptionId = subscriptionId };
}

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator() => this.AddPagingRules();
}

public sealed class ListWebhookDeliveriesHandler(IAppDbContext db) : IRequestHandler<ListWebhookDeliveriesQuery, PagedList<WebhookDeliveryDto>>
{
    public async Task<PagedList<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == request.SubscriptionId, cancellationToken))
            throw new NotFoundException("Webhook subscription", request.SubscriptionId);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == request.SubscriptionId);
        if (request.State is { } state) deliveries = deliveries.Where(d => d.State == state);
        return await deliveries.OrderByDescending(d => d.Sequence).ToDtos(db.WebhookEvents.AsNoTracking()).ToPagedListAsync(request, cancellationToken);
    }
}

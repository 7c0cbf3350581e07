using System.Text.Json;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

public sealed record GetWebhookDeliveryQuery(Guid SubscriptionId, Guid DeliveryId) : IRequest<WebhookDeliveryDetailDto>;

public sealed class GetWebhookDeliveryHandler(IAppDbContext db) : IRequestHandler<GetWebhookDeliveryQuery, WebhookDeliveryDetailDto>
{
    public async Task<WebhookDeliveryDetailDto> Handle(GetWebhookDeliveryQuery request, CancellationToken cancellationToken)
    {
        var events = db.WebhookEvents.AsNoTracking();
        var delivery = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Id == request.DeliveryId && d.SubscriptionId == request.SubscriptionId)
            .ToDtos(events).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Webhook delivery", request.DeliveryId);
        var json = await events.Where(e => e.Id == delivery.EventId).Select(e => e.Data).FirstAsync(cancellationToken);
        var attempts = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == request.DeliveryId).OrderBy(a => a.Id)
            .Select(a => new WebhookDeliveryAttemptDto(a.At, a.StatusCode, a.DurationMs, a.Error)).ToListAsync(cancellationToken);
        using var data = JsonDocument.Parse(json);
        return new WebhookDeliveryDetailDto(delivery, data.RootElement.Clone(), attempts);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>Queues a delivered or failed delivery again, with the same message id; one still pending is refused (409).</summary>
public sealed record ReplayWebhookDeliveryCommand(Guid SubscriptionId, Guid DeliveryId) : IRequest<WebhookDeliveryDto>;

public sealed class ReplayWebhookDeliveryHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async Task<WebhookDeliveryDto> Handle(ReplayWebhookDeliveryCommand request, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == request.DeliveryId && d.SubscriptionId == request.SubscriptionId, cancellationToken)
            ?? throw new NotFoundException("Webhook delivery", request.DeliveryId);
        delivery.Replay(clock.GetUtcNow());
        var @event = await db.WebhookEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Answered from the state written: the delivery worker may send the replay as soon as it is committed.
        return delivery.ToDto(@event);
    }
}

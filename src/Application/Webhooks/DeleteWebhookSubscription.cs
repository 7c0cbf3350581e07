using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>End a subscription (admins; If-Match): nothing more is delivered to it.</summary>
public sealed record DeleteWebhookSubscriptionCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteWebhookSubscriptionHandler(IAppDbContext db) : IRequestHandler<DeleteWebhookSubscriptionCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteWebhookSubscriptionCommand request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                           ?? throw new NotFoundException("Webhook subscription", request.Id);
        subscription.EnsureVersion(request.ExpectedVersion);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

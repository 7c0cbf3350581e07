using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>Replace a subscription's signing secret (admins; If-Match); the answer shows the new one, this once.</summary>
public sealed record RotateWebhookSecretCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest<IssuedWebhookSubscriptionDto>;

public sealed class RotateWebhookSecretHandler(IAppDbContext db) : IRequestHandler<RotateWebhookSecretCommand, IssuedWebhookSubscriptionDto>
{
    public async Task<IssuedWebhookSubscriptionDto> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                           ?? throw new NotFoundException("Webhook subscription", request.Id);
        subscription.EnsureVersion(request.ExpectedVersion);
        var secret = subscription.RotateSecret();
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == subscription.Id).ToDtos().SingleAsync(cancellationToken);
        return new IssuedWebhookSubscriptionDto(dto, secret);
    }
}

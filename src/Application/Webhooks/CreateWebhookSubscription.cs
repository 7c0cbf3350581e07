using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Webhooks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>Subscribe a system to events (admins). The answer carries the signing secret, this once.</summary>
public sealed record CreateWebhookSubscriptionCommand : WebhookSubscriptionFields, IRequest<IssuedWebhookSubscriptionDto>;

public sealed class CreateWebhookSubscriptionValidator : AbstractValidator<CreateWebhookSubscriptionCommand>
{
    public CreateWebhookSubscriptionValidator() => Include(new WebhookSubscriptionFieldsValidator());
}

public sealed class CreateWebhookSubscriptionHandler(IAppDbContext db, IWebhookTargets targets)
    : IRequestHandler<CreateWebhookSubscriptionCommand, IssuedWebhookSubscriptionDto>
{
    public async Task<IssuedWebhookSubscriptionDto> Handle(CreateWebhookSubscriptionCommand request, CancellationToken cancellationToken)
    {
        var (subscription, secret) = WebhookSubscription.Create(await request.ToTargetAsync(db, targets, cancellationToken));
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == subscription.Id).ToDtos().SingleAsync(cancellationToken);
        return new IssuedWebhookSubscriptionDto(dto, secret);
    }
}

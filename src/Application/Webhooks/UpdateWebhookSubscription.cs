using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

/// <summary>Rewrite a subscription (admins; If-Match): its address, event types, filters, and whether it is active. The secret stays.</summary>
public sealed record UpdateWebhookSubscriptionCommand : WebhookSubscriptionFields, IRequest<WebhookSubscriptionDto>
{
    /// <summary>False pauses deliveries without losing the subscription; true resumes them.</summary>
    public bool? Active { get; init; }

    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateWebhookSubscriptionValidator : AbstractValidator<UpdateWebhookSubscriptionCommand>
{
    public UpdateWebhookSubscriptionValidator()
    {
        Include(new WebhookSubscriptionFieldsValidator());
        RuleFor(x => x.Active).NotNull();
    }
}

public sealed class UpdateWebhookSubscriptionHandler(IAppDbContext db, IWebhookTargets targets)
    : IRequestHandler<UpdateWebhookSubscriptionCommand, WebhookSubscriptionDto>
{
    public async Task<WebhookSubscriptionDto> Handle(UpdateWebhookSubscriptionCommand request, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                           ?? throw new NotFoundException("Webhook subscription", request.Id);
        subscription.EnsureVersion(request.ExpectedVersion);
        subscription.Describe(await request.ToTargetAsync(db, targets, cancellationToken), request.Active!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == subscription.Id).ToDtos().SingleAsync(cancellationToken);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Webhooks;

public sealed record GetWebhookSubscriptionQuery(Guid Id) : IRequest<WebhookSubscriptionDto>;

public sealed class GetWebhookSubscriptionHandler(IAppDbContext db) : IRequestHandler<GetWebhookSubscriptionQuery, WebhookSubscriptionDto>
{
    public async Task<WebhookSubscriptionDto> Handle(GetWebhookSubscriptionQuery request, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == request.Id).ToDtos().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Webhook subscription", request.Id);
}

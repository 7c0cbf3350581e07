using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Api.Security;
using EmulationApi.Application.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/webhook-subscriptions: other systems' subscriptions to events, for administrators.</summary>
public static class WebhookEndpoints
{
    private const string Url = "/api/v1/webhook-subscriptions";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup(Url).WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        subscriptions.MapGet("/", ListWebhookSubscriptions).WithName(nameof(ListWebhookSubscriptions))
            .WithSummary("List webhook subscriptions")
            .WithDescription("Newest first; filters: active, eventType (subscriptions to '*' included). Secrets are never shown again after they are issued.")
            .ProducesValidationProblem();
        subscriptions.MapPost("/", CreateWebhookSubscription).WithName(nameof(CreateWebhookSubscription)).AnswersWithETag()
            .WithSummary("Subscribe a system to events")
            .WithDescription("Target url (absolute http/https; loopback and private addresses are refused unless the host is listed in Webhooks:AllowedHosts), eventTypes (or ['*']), optional planId and unitCode filters, description. The answer shows the signing secret (whsec_…) once.")
            .ProducesValidationProblem();
        subscriptions.MapGet("/{id:guid}", GetWebhookSubscription).WithName(nameof(GetWebhookSubscription))
            .WithSummary("Read a webhook subscription")
            .WithDescription("Never its secret. Answers with an ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPut("/{id:guid}", UpdateWebhookSubscription).WithName(nameof(UpdateWebhookSubscription))
            .WithSummary("Rewrite a webhook subscription")
            .WithDescription("Replaces url, eventTypes, filters, description and active (false pauses deliveries); the secret stays. A stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        subscriptions.MapDelete("/{id:guid}", DeleteWebhookSubscription).WithName(nameof(DeleteWebhookSubscription))
            .WithSummary("End a webhook subscription")
            .WithDescription("Nothing more is delivered to it. A stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        subscriptions.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret).WithName(nameof(RotateWebhookSecret))
            .WithSummary("Replace a subscription's signing secret")
            .WithDescription("The answer shows the new secret once; deliveries are signed with it from now on. A stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        subscriptions.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries))
            .WithSummary("A subscription's delivery log")
            .WithDescription("Newest first; filter state (Pending, Delivered, Failed). Each delivery: the event, its message id (webhook-id), attempts, the last status or error, when it is due next while pending.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetWebhookDelivery).WithName(nameof(GetWebhookDelivery))
            .WithSummary("One delivery, its data and its attempts")
            .WithDescription("Every request sent for it, oldest first: when, the HTTP status (null when no answer came), how long it took, what went wrong.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        subscriptions.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", ReplayWebhookDelivery).WithName(nameof(ReplayWebhookDelivery))
            .WithSummary("Send a delivery again")
            .WithDescription("Queues a delivered or failed delivery again (202), with the same message id; the give-up time counts from now. A delivery still pending is refused with 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<PagedResponse<WebhookSubscriptionDto>>> ListWebhookSubscriptions([AsParameters] ListWebhookSubscriptionsQuery query,
        HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<WebhookSubscriptionDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Created<IssuedWebhookSubscriptionDto>> CreateWebhookSubscription(CreateWebhookSubscriptionCommand command,
        HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var issued = await mediator.Send(command, ct);
        http.Response.Headers.ETag = ETags.For(issued.Subscription.Version);
        return TypedResults.Created($"{Url}/{issued.Subscription.Id}", issued);
    }

    public static async Task<Results<Ok<WebhookSubscriptionDto>, StatusCodeHttpResult>> GetWebhookSubscription(Guid id, HttpContext http,
        IMediator mediator, CancellationToken ct)
    {
        var subscription = await mediator.Send(new GetWebhookSubscriptionQuery(id), ct);
        return ETags.Read(http, ETags.For(subscription.Version), subscription);
    }

    public static async Task<Ok<WebhookSubscriptionDto>> UpdateWebhookSubscription(Guid id, UpdateWebhookSubscriptionCommand command,
        HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var subscription = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(subscription.Version);
        return TypedResults.Ok(subscription);
    }

    public static async Task<NoContent> DeleteWebhookSubscription(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteWebhookSubscriptionCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IssuedWebhookSubscriptionDto>> RotateWebhookSecret(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var issued = await mediator.Send(new RotateWebhookSecretCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(issued.Subscription.Version);
        return TypedResults.Ok(issued);
    }

    public static async Task<Ok<PagedResponse<WebhookDeliveryDto>>> ListWebhookDeliveries(Guid id, [AsParameters] ListWebhookDeliveriesQuery query,
        HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<WebhookDeliveryDto>.From(await mediator.Send(query.For(id), ct), request));

    public static async Task<Ok<WebhookDeliveryDetailDto>> GetWebhookDelivery(Guid id, Guid deliveryId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetWebhookDeliveryQuery(id, deliveryId), ct));

    public static async Task<Accepted<WebhookDeliveryDto>> ReplayWebhookDelivery(Guid id, Guid deliveryId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Accepted($"{Url}/{id}/deliveries/{deliveryId}", await mediator.Send(new ReplayWebhookDeliveryCommand(id, deliveryId), ct));
}

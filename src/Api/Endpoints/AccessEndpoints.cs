using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Access;
using EmulationApi.Application.Auditing;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/api-keys and /api/v1/audit: machine clients' keys and the audit trail, for administrators.</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys))
            .WithSummary("List API keys")
            .WithDescription("Newest first; filters: role, active. Keys themselves are never shown again after they are issued.")
            .ProducesValidationProblem();
        keys.MapPost("/", CreateApiKey).WithName(nameof(CreateApiKey))
            .WithSummary("Issue an API key for a machine client")
            .WithDescription("Name, role (Admin, Editor, Unit, Reader, Loader), the unit of a Unit key, optional expiry. The answer shows the key once; only a salted hash is kept.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapGet("/{id:guid}", GetApiKey).WithName(nameof(GetApiKey))
            .WithSummary("Read an API key's record")
            .WithDescription("Name, role, unit, expiry and revocation; never the key.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/{id:guid}/revoke", RevokeApiKey).WithName(nameof(RevokeApiKey))
            .WithSummary("Revoke an API key")
            .WithDescription("The key is refused from now on (401). Revoking twice is refused with 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/audit", ListAuditEntries).WithName(nameof(ListAuditEntries)).WithTags("Audit").RequireAuthorization(Policies.Admin)
            .WithSummary("Read the audit trail (nhật ký thay đổi)")
            .WithDescription("Every write: who (client), when, what (entity, id, action, use case) and the changed fields; a bulk import is one entry with its counts. Newest first; filters: entity, entityId, client, action, from, to.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<PagedResponse<ApiKeyDto>>> ListApiKeys([AsParameters] ListApiKeysQuery query, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<ApiKeyDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Created<IssuedApiKeyDto>> CreateApiKey(CreateApiKeyCommand command, IMediator mediator, CancellationToken ct)
    {
        var issued = await mediator.Send(command, ct);
        return TypedResults.Created($"/api/v1/api-keys/{issued.ApiKey.Id}", issued);
    }

    public static async Task<Ok<ApiKeyDto>> GetApiKey(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetApiKeyQuery(id), ct));

    public static async Task<Ok<ApiKeyDto>> RevokeApiKey(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new RevokeApiKeyCommand(id), ct));

    public static async Task<Ok<PagedResponse<AuditEntryDto>>> ListAuditEntries([AsParameters] ListAuditEntriesQuery query, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<AuditEntryDto>.From(await mediator.Send(query, ct), request));
}

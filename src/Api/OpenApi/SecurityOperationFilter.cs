using EmulationApi.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Marks each operation that needs a client with both ways in (an API key or a bearer token), names the roles its
/// policy allows, and documents the 401, 403 and 429 answers it can give.
/// </summary>
public sealed class SecurityOperationFilter : IOperationFilter
{
    public const string ApiKeyScheme = ApiKeyAuthenticationHandler.SchemeName;
    public const string BearerScheme = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // Open to everyone: stated as no security requirement at all, and only the per-address throttle can refuse it.
            operation.Security = [];
            AddProblem(operation, context, "429", "Too many requests from this address without valid credentials; the Retry-After header says when to try again (problem+json).",
                ContractOperationFilter.RetryAfter());
            return;
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var roles = policies.Select(p => Policies.Roles.TryGetValue(p, out var r) ? r.Select(x => x.ToString()) : [])
            .Aggregate((IEnumerable<string>?)null, (acc, r) => acc is null ? r : acc.Intersect(r, StringComparer.Ordinal))?.ToList() ?? [];

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
        ];
        if (roles.Count > 0)
            operation.Description = $"{operation.Description}\n\nRoles: {string.Join(", ", roles)}.".TrimStart();

        Add("401", "No credential, or one that is unknown, revoked, expired or not valid (problem+json).");
        Add("403", policies.Contains(Policies.LeadCluster, StringComparer.Ordinal)
            ? "The client is known but its role may not use this operation, or it is a Unit client whose unit does not lead this cluster (not its leader, nor its deputy while the leader is marked absent) or that writes its own unit's scores (problem+json)."
            : "The client is known but its role may not use this operation (problem+json).");
        Add("429", "Too many requests from this client, or from its address without valid credentials; the Retry-After header says when to try again (problem+json).",
            ContractOperationFilter.RetryAfter());

        void Add(string status, string description, Dictionary<string, IOpenApiHeader>? headers = null) =>
            AddProblem(operation, context, status, description, headers);
    }

    private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, string status, string description,
        Dictionary<string, IOpenApiHeader>? headers = null)
    {
        operation.Responses ??= new OpenApiResponses();
        if (operation.Responses.ContainsKey(status)) return;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Headers = headers,
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };
    }
}

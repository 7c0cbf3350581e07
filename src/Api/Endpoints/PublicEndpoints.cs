using EmulationApi.Api.Http;
using EmulationApi.Application.Commendation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>
/// /api/v1/public: what the law asks to make public (công khai) — decided awards, and the nominees the council publishes —, readable without a key. Requests without credentials
/// are throttled per client address (<see cref="Security.AnonymousThrottle"/>, RateLimiting:AnonymousPermitsPerMinute).
/// </summary>
public static class PublicEndpoints
{
    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous();
        open.MapGet("/awards", ListPublicAwards).WithName(nameof(ListPublicAwards))
            .WithSummary("The public list of decided awards")
            .WithDescription("No key needed; requests without credentials are limited per client address (120 a minute by default), beyond which they get 429 with Retry-After. Awards decided through the system only (not the register's history): the person's full name or the collective's name, the unit's name, the award's code and name, the year, the decision's number and date — nothing more. Filters: year, award, unit; newest year first. Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem();
        open.MapGet("/nominees", ListPublicNominees).WithName(nameof(ListPublicNominees))
            .WithSummary("The public list of nominees under the council's consideration")
            .WithDescription("No key needed; throttled as the awards list is (429 with Retry-After). The nominees of the dossiers considered by the council sessions that published them (POST …/council-sessions/{id}/publish), until their dossier is decided — all of them while the session is open, those the council recommended once it is concluded: the person's, small collective's or unit's name, the unit's name, the award's code and name, the session's day — nothing more. Filters: year (of the session), award, unit; latest session first. Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<PublicNomineeDto>>, StatusCodeHttpResult>> ListPublicNominees([AsParameters] ListPublicNomineesQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<PublicNomineeDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }

    public static async Task<Results<Ok<PagedResponse<PublicAwardDto>>, StatusCodeHttpResult>> ListPublicAwards([AsParameters] ListPublicAwardsQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<PublicAwardDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }
}

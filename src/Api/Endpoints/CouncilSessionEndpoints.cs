using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Api.Security;
using EmulationApi.Application.Commendation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/commendation/council-sessions: the provincial council's sessions (Hội đồng Thi đua – Khen thưởng tỉnh).</summary>
public static class CouncilSessionEndpoints
{
    private const string Writes = " An open session only: a concluded one is read-only (409). A stale If-Match is refused with 412.";

    public static IEndpointRouteBuilder MapCouncilSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/commendation/council-sessions").WithTags("Council").RequireAuthorization(Policies.ReadCouncil);

        sessions.MapGet("/", ListCouncilSessions).WithName(nameof(ListCouncilSessions))
            .WithSummary("List council sessions")
            .WithDescription("Filters: year (of the session), status (Open, Concluded), published. Latest first. Each with its members, dossiers, nominees (name, unit, award) and votes. Answers with an ETag; If-None-Match → 304. Unit clients do not see sessions (403): they see the council's outcome on their own dossiers.")
            .ProducesValidationProblem();
        sessions.MapPost("/", CreateCouncilSession).WithName(nameof(CreateCouncilSession)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Open a council session")
            .WithDescription("The day, optionally the place and kind, the members present (name and role: Chair, ViceChair, Member, Secretary), the minutes and the dossiers considered (dossierIds: each in council review, 409 otherwise or when another session took it up; an unknown id is 400).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/{id:guid}", GetCouncilSession).WithName(nameof(GetCouncilSession))
            .WithSummary("Read a council session")
            .WithDescription("A session with its members, the dossiers it considers, their nominees and the votes. Answers with an ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        Write(sessions.MapPut("/{id:guid}", UpdateCouncilSession).WithName(nameof(UpdateCouncilSession)),
            "Rewrite a council session", "Replaces the day, place, kind, members, minutes and the list of dossiers: a dossier left out is taken off the session with its votes; the votes recorded must still fit the members present." + Writes);
        Write(sessions.MapPut("/{id:guid}/votes", RecordCouncilVotes).WithName(nameof(RecordCouncilVotes)),
            "Record the votes on nominees", "Per nominee of a dossier the session considers: for, against, abstain (together not more than the members present) and the council's outcome as it states it (Recommended, or NotRecommended with a reason). Nominees not named keep their votes." + Writes);
        Write(sessions.MapPost("/{id:guid}/conclude", ConcludeCouncilSession).WithName(nameof(ConcludeCouncilSession)),
            "Conclude a council session", "Every nominee considered has its vote and the minutes are named (409 otherwise); each dossier records the council's outcome per nominee (councilOutcome) and may then be decided or forwarded." + Writes);
        Write(sessions.MapPost("/{id:guid}/publish", PublishCouncilNominees).WithName(nameof(PublishCouncilNominees)),
            "Publish the session's nominees (công khai)", "From the day given (by default today) GET /api/v1/public/nominees lists the session's nominees: all while the session is open, those the council recommended once it is concluded, until their dossier is decided. Once per session (409 again); open or concluded. A stale If-Match is refused with 412.");
        return app;
    }

    private static void Write(RouteHandlerBuilder route, string summary, string description) =>
        route.RequireAuthorization(Policies.Edit).WithSummary(summary).WithDescription(description)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Results<Ok<PagedResponse<CouncilSessionDto>>, StatusCodeHttpResult>> ListCouncilSessions([AsParameters] ListCouncilSessionsQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<CouncilSessionDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }

    public static async Task<Created<CouncilSessionDto>> CreateCouncilSession(CreateCouncilSessionCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var session = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(session.Version);
        return TypedResults.Created($"/api/v1/commendation/council-sessions/{session.Id}", session);
    }

    public static async Task<Results<Ok<CouncilSessionDto>, StatusCodeHttpResult>> GetCouncilSession(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var session = await mediator.Send(new GetCouncilSessionQuery(id), ct);
        return ETags.Read(http, ETags.For(session.Version, session), session);
    }

    public static async Task<Ok<CouncilSessionDto>> UpdateCouncilSession(Guid id, UpdateCouncilSessionCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<CouncilSessionDto>> RecordCouncilVotes(Guid id, RecordCouncilVotesCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<CouncilSessionDto>> ConcludeCouncilSession(Guid id, ConcludeCouncilSessionCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<CouncilSessionDto>> PublishCouncilNominees(Guid id, PublishCouncilNomineesCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    private static Ok<CouncilSessionDto> Answer(HttpContext http, CouncilSessionDto session)
    {
        http.Response.Headers.ETag = ETags.For(session.Version);
        return TypedResults.Ok(session);
    }
}

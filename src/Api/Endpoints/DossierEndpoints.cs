using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Api.Security;
using EmulationApi.Application.Commendation;
using EmulationApi.Domain.Commendation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/dossiers: nomination dossiers (hồ sơ đề nghị khen thưởng) from draft to decision.</summary>
public static class DossierEndpoints
{
    private const string UnitRule = " A unit client may act on its own unit's dossiers only (403 otherwise).";

    public static IEndpointRouteBuilder MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/v1/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.Nominate);

        dossiers.MapGet("/", ListDossiers).WithName(nameof(ListDossiers))
            .WithSummary("List nomination dossiers (hồ sơ đề nghị khen thưởng)")
            .WithDescription("Filters: status, proposing unit, year, award (a nominee's title or form), commendation type, overdue (past the appraisal's processing limit on asOf). Newest year first. Answers with an ETag; If-None-Match → 304. A unit client lists its own unit's dossiers (another unit's code is 403).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        dossiers.MapPost("/", CreateDossier).WithName(nameof(CreateDossier)).AnswersWithETag()
            .WithSummary("Draft a dossier")
            .WithDescription("Drafts a dossier: proposing unit, year and period, commendation type, the movement or cluster it comes from, nominees (a unit, a small collective inside a unit, or a person) each with the award asked for — which must suit the nominee (400 naming it) — and the achievements." + UnitRule)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        dossiers.MapGet("/{id:guid}", GetDossier).WithName(nameof(GetDossier))
            .WithSummary("Read a dossier")
            .WithDescription("A dossier with its nominees and steps; overdue is judged on asOf (by default today). Answers with an ETag." + UnitRule)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        dossiers.MapPut("/{id:guid}", UpdateDossier).WithName(nameof(UpdateDossier))
            .WithSummary("Rewrite a dossier")
            .WithDescription("Replaces what a draft, or a dossier returned for completion, says (the nominees get new ids); 409 in any other status; a stale If-Match is refused with 412." + UnitRule)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        dossiers.MapDelete("/{id:guid}", DeleteDossier).WithName(nameof(DeleteDossier))
            .WithSummary("Delete a draft dossier")
            .WithDescription("Only a draft; a submitted dossier is kept for the record (409). A stale If-Match is refused with 412." + UnitRule)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        Step(dossiers.MapPost("/{id:guid}/submit", SubmitDossier).WithName(nameof(SubmitDossier)),
            "Submit a dossier (nộp hồ sơ)", "Draft or returned → submitted. A returned dossier, once completed, is submitted again and must be received again; the appraisal's limit runs from the new receipt." + UnitRule);
        Step(dossiers.MapPost("/{id:guid}/receive", ReceiveDossier).WithName(nameof(ReceiveDossier)).RequireAuthorization(Policies.Edit),
            "Receive a dossier (tiếp nhận)", "Submitted → received; the appraisal's processing limit (Commendation:AppraisalDays) runs from this day.");
        Step(dossiers.MapPost("/{id:guid}/start-appraisal", StartDossierAppraisal).WithName(nameof(StartDossierAppraisal)).RequireAuthorization(Policies.Edit),
            "Start the appraisal (thẩm định)", "Received → under appraisal.");
        Step(dossiers.MapPost("/{id:guid}/return", ReturnDossier).WithName(nameof(ReturnDossier)).RequireAuthorization(Policies.Edit),
            "Return a dossier for completion (trả lại)", "Received or under appraisal → returned, with the reason and the day to resubmit by; the proposing unit completes it (PUT) and submits it again.");
        Step(dossiers.MapPost("/{id:guid}/appraise", AppraiseDossier).WithName(nameof(AppraiseDossier)).RequireAuthorization(Policies.Edit),
            "Complete the appraisal", "Under appraisal → appraised.");
        Step(dossiers.MapPost("/{id:guid}/refer-to-council", ReferDossierToCouncil).WithName(nameof(ReferDossierToCouncil)).RequireAuthorization(Policies.Edit),
            "Refer a dossier to the council (trình Hội đồng xét)", "Appraised → council review.");
        Step(dossiers.MapPost("/{id:guid}/forward", ForwardDossier).WithName(nameof(ForwardDossier)).RequireAuthorization(Policies.Edit),
            "Forward a dossier to a higher level", "Council review → forwarded, for a dossier asking for a state or Government award (409 otherwise); its decision is recorded with decide when it comes back.");
        Step(dossiers.MapPost("/{id:guid}/decide", DecideDossier).WithName(nameof(DecideDossier)).RequireAuthorization(Policies.Edit),
            "Record the decision (quyết định)", "Council review (awards the province decides; a dossier asking for a state or Government award is forwarded instead, 409) or forwarded → decided, with the outcome of every nominee: approved, or not approved with the reason.");

        app.MapPost("/api/v1/clusters/{id:guid}/flag-proposal/dossier", CreateFlagDossier).WithName(nameof(CreateFlagDossier)).AnswersWithETag().WithTags("Dossiers")
            .RequireAuthorization(Policies.Edit)
            .WithSummary("Turn a cluster's flag proposal into a dossier")
            .WithDescription("Drafts a dossier in one call from the published ranking's emulation-flag proposal (Cờ thi đua): the nominee is the proposed unit, the award the collective award named by awardCode, the year the cluster's, the proposing unit the cluster's leader unless proposingUnitCode names another. 409 while the evaluation is not published, when no unit is proposed (a tie at the top, missing scores) or when a dossier from this cluster's ranking exists.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static void Step(RouteHandlerBuilder route, string summary, string description) =>
        route.WithSummary(summary).WithDescription(description + " Each step records who (the client's name and unit), the day (by default today; not later, not before the previous step) and the document. A step the dossier's status does not allow is refused with 409 naming both; a stale If-Match with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Results<Ok<PagedResponse<DossierDto>>, StatusCodeHttpResult>> ListDossiers([AsParameters] ListDossiersQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = PagedResponse<DossierDto>.From(await mediator.Send(query, ct), http.Request);
        return ETags.Read(http, ETags.ForState(page), page);
    }

    public static async Task<Created<DossierDto>> CreateDossier(CreateDossierCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var dossier = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(dossier.Version);
        return TypedResults.Created($"/api/v1/dossiers/{dossier.Id}", dossier);
    }

    public static async Task<Created<DossierDto>> CreateFlagDossier(Guid id, CreateFlagDossierCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var dossier = await mediator.Send(command with { ClusterId = id }, ct);
        response.Headers.ETag = ETags.For(dossier.Version);
        return TypedResults.Created($"/api/v1/dossiers/{dossier.Id}", dossier);
    }

    public static async Task<Results<Ok<DossierDto>, StatusCodeHttpResult>> GetDossier(Guid id, HttpContext http, IMediator mediator, CancellationToken ct, DateOnly? asOf = null)
    {
        var dossier = await mediator.Send(new GetDossierQuery(id, asOf), ct);
        return ETags.Read(http, ETags.For(dossier.Version, dossier), dossier);
    }

    public static async Task<Ok<DossierDto>> UpdateDossier(Guid id, UpdateDossierCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<NoContent> DeleteDossier(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteDossierCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    // One use case (TakeDossierStep), six doors with stable operation names; return and decide carry more.
    public static Task<Ok<DossierDto>> SubmitDossier(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.Submit }, http, mediator, ct);

    public static Task<Ok<DossierDto>> ReceiveDossier(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.Receive }, http, mediator, ct);

    public static Task<Ok<DossierDto>> StartDossierAppraisal(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.StartAppraisal }, http, mediator, ct);

    public static Task<Ok<DossierDto>> AppraiseDossier(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.Appraise }, http, mediator, ct);

    public static Task<Ok<DossierDto>> ReferDossierToCouncil(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.ReferToCouncil }, http, mediator, ct);

    public static Task<Ok<DossierDto>> ForwardDossier(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Take(id, command with { Kind = DossierStepKind.Forward }, http, mediator, ct);

    public static async Task<Ok<DossierDto>> ReturnDossier(Guid id, ReturnDossierCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<DossierDto>> DecideDossier(Guid id, DecideDossierCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    private static async Task<Ok<DossierDto>> Take(Guid id, TakeDossierStepCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    private static Ok<DossierDto> Answer(HttpContext http, DossierDto dossier)
    {
        http.Response.Headers.ETag = ETags.For(dossier.Version);
        return TypedResults.Ok(dossier);
    }
}

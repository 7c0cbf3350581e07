using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Obligations;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/obligations: each unit's share of each task — the work list, the scorecard, one obligation and its
/// history, and what editors decide about one.</summary>
public static class ObligationEndpoints
{
    public static IEndpointRouteBuilder MapObligationEndpoints(this IEndpointRouteBuilder app)
    {
        var obligations = app.MapGroup("/api/v1/obligations").WithTags("Obligations").RequireAuthorization(Policies.Read);

        obligations.MapGet("/", ListObligations).WithName(nameof(ListObligations))
            .WithSummary("A unit's work list (việc của tôi): its obligations across plans")
            .WithDescription("""
                The obligations (phân công cho từng đơn vị) a unit holds, each with its own progress and timeliness on asOf against the unit's
                deadline (the extended one, else the task's). Filters: unitCode (required for unit clients, and only their own unit), plan, year,
                quarter or month of the task's deadline, role (Lead: chủ trì, Coordinator: phối hợp), status, timeliness, state (Active by default;
                state=Withdrawn, or both); stable sorts; paging. Answers with a strong ETag: If-None-Match gives 304 while nothing it shows changed.
                changedSince returns only obligations changed after that instant (withdrawn ones included); poll with sort=updatedAt and the
                last item's updatedAt to see every change exactly once. With format=csv|xlsx (or Accept: text/csv or the .xlsx type), every
                matching obligation as a CSV or Excel file, in the same sort, page and pageSize ignored.
                """)
            .WithMetadata(TableExport.Instance)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        obligations.MapGet("/summary", GetObligationScorecard).WithName(nameof(GetObligationScorecard))
            .WithSummary("The scorecard: obligations counted per unit, kind or cluster (bảng tổng hợp theo đơn vị)")
            .WithDescription("""
                Counts the active obligations as national reports do — assigned; within deadline, due soon, overdue, done on time, done late,
                no deadline (trong hạn, sắp đến hạn, quá hạn, hoàn thành đúng hạn, hoàn thành quá hạn, không thời hạn) on asOf; arisen after
                the deadline and exempted apart — per unit, per kind of unit, or per provincial cluster/bloc of the plan's year (units in none
                under "none"), with a total, the work list's filters and paging over the rows. Answers with a strong ETag; If-None-Match gives 304.
                With format=csv|xlsx (or Accept: text/csv or the .xlsx type), every row and the total as a CSV or Excel file, in the same order,
                page and pageSize ignored.
                """)
            .WithMetadata(TableExport.Instance)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        obligations.MapGet("/{id:guid}", GetObligation).WithName(nameof(GetObligation))
            .WithSummary("Read an obligation and its history")
            .WithDescription("The obligation, its unit's progress reports (báo cáo tiến độ) and every other step (arose, moved, withdrawn, extended, exempted, completion confirmed or rejected), oldest first. A unit client reads only its own unit's. Answers with an ETag; If-None-Match gives 304.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        obligations.MapPost("/{id:guid}/extend", ExtendObligationDeadline).WithName(nameof(ExtendObligationDeadline)).RequireAuthorization(Policies.Edit)
            .WithSummary("Extend one unit's deadline (gia hạn)")
            .WithDescription("Gives the unit a later deadline on this task, with a reason kept in the obligation's history; its timeliness then uses the new deadline. Refused with 409 when the task has no deadline, the new one is not later, or the obligation was withdrawn; a stale If-Match is refused with 412 and nothing changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        obligations.MapPost("/{id:guid}/exempt", ExemptObligation).WithName(nameof(ExemptObligation)).RequireAuthorization(Policies.Edit)
            .WithSummary("Exempt a unit from a task (miễn)")
            .WithDescription("Releases the unit from this task, with a reason: it reports nothing on it, the scorecard counts it apart, and an exempted lead no longer decides the task's status. Refused with 409 when already exempted or withdrawn; a stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        obligations.MapPost("/{id:guid}/confirm-completion", ConfirmCompletion).WithName(nameof(ConfirmCompletion)).RequireAuthorization(Policies.Edit)
            .WithSummary("Confirm a completion the unit reported (xác nhận hoàn thành)")
            .WithDescription("Accepts the completion the unit claimed. Refused with 409 when the unit has not reported the work done or the completion was already confirmed or rejected; a stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        obligations.MapPost("/{id:guid}/reject-completion", RejectCompletion).WithName(nameof(RejectCompletion)).RequireAuthorization(Policies.Edit)
            .WithSummary("Reject a completion the unit reported (không xác nhận hoàn thành)")
            .WithDescription("Refuses the completion the unit claimed: the obligation goes back to in progress with its completion date cleared, the reason is kept in its history, and the task's status is derived again. Refused with 409 when there is no pending completion; a stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<ObligationDto>>, StatusCodeHttpResult, TableFile>> ListObligations(
        [AsParameters] ListObligationsQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        if (TableFile.Requested(http, format) is { } file) return new TableFile(file, await mediator.Send(new ExportObligationsQuery(query), ct));
        var feed = await mediator.Send(query, ct);
        if (ETags.SetAndMatch(http, ETags.ForState(feed.State))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(PagedResponse<ObligationDto>.From(await feed.ReadPageAsync(ct), http.Request));
    }

    public static async Task<Results<Ok<ObligationScorecardDto>, StatusCodeHttpResult, TableFile>> GetObligationScorecard(
        [AsParameters] GetObligationScorecardQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        // The file has every row: the paging the request names is not read (nor validated), so neither is it in the ETag.
        if (TableFile.Requested(http, format) is { } file)
            return new TableFile(file, ExportObligationScorecard.Of(await mediator.Send(query with { Page = 1, PageSize = PagingRules.DefaultPageSize }, ct), query.GroupBy));
        var scorecard = await mediator.Send(query, ct);
        if (ETags.SetAndMatch(http, ETags.ForState(scorecard.State))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var card = await scorecard.ReadAsync(ct);
        var paging = PagedResponse<ObligationScorecardRowDto>.From(new(card.Items, card.Page, card.PageSize, card.TotalCount), http.Request);
        return TypedResults.Ok(card with { NextPage = paging.NextPage });
    }

    public static async Task<Results<Ok<ObligationDetailDto>, StatusCodeHttpResult>> GetObligation(Guid id, HttpContext http, IMediator mediator,
        CancellationToken ct, DateOnly? asOf = null)
    {
        var obligation = await mediator.Send(new GetObligationQuery(id, asOf), ct);
        return ETags.Read(http, ETags.For(obligation.Obligation.Version, obligation), obligation);
    }

    public static async Task<Ok<ObligationDto>> ExtendObligationDeadline(Guid id, ExtendObligationDeadlineCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<ObligationDto>> ExemptObligation(Guid id, ExemptObligationCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    public static async Task<Ok<ObligationDto>> ConfirmCompletion(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(new ConfirmCompletionCommand(id, ETags.IfMatchVersion(http.Request)), ct));

    public static async Task<Ok<ObligationDto>> RejectCompletion(Guid id, RejectCompletionCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Answer(http, await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct));

    private static Ok<ObligationDto> Answer(HttpContext http, ObligationDto obligation)
    {
        http.Response.Headers.ETag = ETags.For(obligation.Version, obligation);
        return TypedResults.Ok(obligation);
    }
}

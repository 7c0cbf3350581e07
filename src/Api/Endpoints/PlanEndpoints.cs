using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Application.Plans;
using EmulationApi.Application.Tasks;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

using EmulationApi.Api.Security;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/plans: plans (kế hoạch), their lifecycle, their tasks, and loading a plan from its text.</summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/v1/plans").WithTags("Plans").RequireAuthorization(Policies.Read);

        plans.MapGet("/", ListPlans).WithName(nameof(ListPlans))
            .WithSummary("List plans (kế hoạch)")
            .WithDescription("Pages through plans, newest year first, filtered by year and status.")
            .ProducesValidationProblem();
        plans.MapPost("/", CreatePlan).WithName(nameof(CreatePlan)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Draft a plan")
            .WithDescription("Creates a plan in the draft status (dự thảo). Title and year are required; the rest can be filled in while it is a draft.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapGet("/{id:guid}", GetPlan).WithName(nameof(GetPlan))
            .WithSummary("Read a plan")
            .WithDescription("Everything the plan says: number, issuer, signer, legal bases (căn cứ), purpose, requirements, sections, recipients (nơi nhận), status. Answers with an ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPut("/{id:guid}", UpdatePlan).WithName(nameof(UpdatePlan)).RequireAuthorization(Policies.Edit)
            .WithSummary("Rewrite a draft plan")
            .WithDescription("Replaces what a draft plan says. An issued or closed plan is refused with 409. A stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        plans.MapPost("/{id:guid}/issue", IssuePlan).WithName(nameof(IssuePlan)).RequireAuthorization(Policies.Edit)
            .WithSummary("Issue a plan (ban hành)")
            .WithDescription("Moves a draft to issued. Needs a number and an issue date, given in the body or already on the plan; otherwise 409 with the reason.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        plans.MapPost("/{id:guid}/close", ClosePlan).WithName(nameof(ClosePlan)).RequireAuthorization(Policies.Edit)
            .WithSummary("Close a plan (kết thúc)")
            .WithDescription("Moves an issued plan to closed; its tasks take no more progress reports.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        plans.MapPost("/{id:guid}/tasks", CreateTask).WithName(nameof(CreateTask)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Add a task (nhiệm vụ) to a draft plan")
            .WithDescription("Adds a row to the plan's appendix: group and number, content, timing, lead units (chủ trì) and coordinating units (phối hợp), each a unit code or a group.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapAmendments();
        plans.MapPost("/import", ImportPlan).WithName(nameof(ImportPlan)).RequireAuthorization(Policies.Edit).RequireRateLimiting(SecuritySetup.ImportRateLimit)
            .WithSummary("Load a plan from its text")
            .WithDescription("""
                Reads a plan document's text (text/plain, UTF-8; the format of the province's yearly plan): the header (title, year,
                number, issuer, legal bases, signer, recipients) and the appendix of tasks. The plan is matched by year and title and
                its tasks by group and number, so loading the same text again changes nothing. Names of units resolve through the
                registry's names and aliases; names that resolve to nothing are kept on the tasks as written and listed in
                'unresolved'. A text that cannot be read is refused with 400 (rowErrors give the lines) and nothing is written.
                """)
            .Accepts<string>("text/plain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    /// <summary>/api/v1/plans/{id}/amendments: amending an issued plan (điều chỉnh, bổ sung kế hoạch).</summary>
    private static void MapAmendments(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{id:guid}/amendments", AmendPlan).WithName(nameof(AmendPlan)).RequireAuthorization(Policies.Edit)
            .WithSummary("Amend an issued plan (điều chỉnh, bổ sung kế hoạch)")
            .WithDescription("""
                Records an amending document (its number, date and summary) that adds tasks, rewrites tasks (content, timing,
                assignees: each given whole) or cancels tasks (hủy, with a reason). Tasks of an issued plan are never deleted: a
                cancelled task stays readable, shows the status Cancelled and leaves the task feed's default view. The tasks'
                obligations are re-derived in the same transaction: units newly reached get obligations arising on the
                amendment's date, units no longer reached have theirs withdrawn (history kept), and progress on obligations that
                survive is kept. Refused with 409 when the plan is a draft (edit its tasks directly) or closed, when a task was
                cancelled before or is touched twice, or when a task would take a group and number another task holds; with 400
                listing every bad field (unknown unit codes, tasks the plan does not have, by their path in the body); with 412
                when If-Match names an older version of the plan. Nothing is written when refused.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        plans.MapGet("/{id:guid}/amendments", ListPlanAmendments).WithName(nameof(ListPlanAmendments))
            .WithSummary("A plan's amendments (điều chỉnh, bổ sung), in order")
            .WithDescription("Every amendment of the plan, the first one first, each with the changes it made to the tasks.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<PagedResponse<PlanListItemDto>>> ListPlans([AsParameters] ListPlansQuery query, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<PlanListItemDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Created<PlanDto>> CreatePlan(CreatePlanCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var plan = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(plan.Version, plan);
        return TypedResults.Created($"/api/v1/plans/{plan.Id}", plan);
    }

    public static async Task<Results<Ok<PlanDto>, StatusCodeHttpResult>> GetPlan(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var plan = await mediator.Send(new GetPlanQuery(id), ct);
        return ETags.Read(http, ETags.For(plan.Version, plan), plan);
    }

    public static Task<Ok<PlanDto>> UpdatePlan(Guid id, UpdatePlanCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Send(mediator, command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, http, ct);

    public static Task<Ok<PlanDto>> IssuePlan(Guid id, HttpContext http, IMediator mediator, CancellationToken ct, IssuePlanCommand? command = null) =>
        Send(mediator, (command ?? new IssuePlanCommand()) with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, http, ct);

    public static Task<Ok<PlanDto>> ClosePlan(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Send(mediator, new ClosePlanCommand(id, ETags.IfMatchVersion(http.Request)), http, ct);

    public static async Task<Created<TaskDto>> CreateTask(Guid id, CreateTaskCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var task = await mediator.Send(command with { PlanId = id }, ct);
        response.Headers.ETag = ETags.For(task.Version, task);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", task);
    }

    public static async Task<Created<AmendmentDto>> AmendPlan(Guid id, AmendPlanCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var amendment = await mediator.Send(command with { PlanId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        return TypedResults.Created($"/api/v1/plans/{id}/amendments?page={amendment.Sequence}&pageSize=1", amendment);
    }

    public static async Task<Ok<PagedResponse<AmendmentDto>>> ListPlanAmendments(Guid id, HttpRequest request, IMediator mediator, CancellationToken ct,
        int page = 1, int pageSize = Application.Common.Paging.PagingRules.DefaultPageSize) =>
        TypedResults.Ok(PagedResponse<AmendmentDto>.From(await mediator.Send(new ListPlanAmendmentsQuery(id, page, pageSize), ct), request));

    public static async Task<Ok<PlanImportResult>> ImportPlan(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return TypedResults.Ok(await mediator.Send(new ImportPlanCommand(await reader.ReadToEndAsync(ct)), ct));
    }

    private static async Task<Ok<PlanDto>> Send(IMediator mediator, IRequest<PlanDto> command, HttpContext http, CancellationToken ct)
    {
        var plan = await mediator.Send(command, ct);
        http.Response.Headers.ETag = ETags.For(plan.Version, plan);
        return TypedResults.Ok(plan);
    }
}

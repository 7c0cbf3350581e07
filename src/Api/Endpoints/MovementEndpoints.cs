using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Movements;
using EmulationApi.Domain.Movements;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

using EmulationApi.Api.Security;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/movements: emulation movements (phong trào thi đua) and their lifecycle.</summary>
public static class MovementEndpoints
{
    public static IEndpointRouteBuilder MapMovementEndpoints(this IEndpointRouteBuilder app)
    {
        var movements = app.MapGroup("/api/v1/movements").WithTags("Movements").RequireAuthorization(Policies.Read);

        movements.MapGet("/", ListMovements).WithName(nameof(ListMovements))
            .WithSummary("List movements (phong trào thi đua)")
            .WithDescription("Filters: year active, form (thường xuyên / chuyên đề), launcher level, status, and a search over name and slogan ignoring diacritics.")
            .ProducesValidationProblem();
        movements.MapPost("/", CreateMovement).WithName(nameof(CreateMovement)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Register a movement")
            .WithDescription("Registers a movement as a draft: name/theme, slogan, form, launcher level, launching document, period, scope, the movement it continues, the plans that carry it, the participating units and clusters.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        movements.MapGet("/{id:guid}", GetMovement).WithName(nameof(GetMovement))
            .WithSummary("Read a movement")
            .WithDescription("A movement with its lifecycle steps. Answers with an ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        movements.MapGet("/{id:guid}/tasks", ListMovementTasks).WithName(nameof(ListMovementTasks))
            .WithSummary("The tasks that serve a movement")
            .WithDescription("What is being done for the movement: every task that names it (set on a draft plan's task, or by an amendment of an issued plan), with its plan, group, number, content and status, newest plan year first, then in the plan's order. Cancelled tasks are listed with cancelled: true.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        movements.MapPut("/{id:guid}", UpdateMovement).WithName(nameof(UpdateMovement)).RequireAuthorization(Policies.Edit)
            .WithSummary("Rewrite a movement")
            .WithDescription("Replaces the description, plans and participants; refused (409) once the movement is closed; a stale If-Match is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        movements.MapDelete("/{id:guid}", DeleteMovement).WithName(nameof(DeleteMovement)).RequireAuthorization(Policies.Edit)
            .WithSummary("Delete a draft movement")
            .WithDescription("Only a draft that no other movement continues and no task serves; a launched movement is kept for the record (409). A stale If-Match is refused with 412.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        Step(movements.MapPost("/{id:guid}/launch", LaunchMovement).WithName(nameof(LaunchMovement)).RequireAuthorization(Policies.Edit),
            "Launch a movement (phát động)", "Draft → launched, with the date and the launching document.");
        Step(movements.MapPost("/{id:guid}/interim-review", ReviewMovementInterim).WithName(nameof(ReviewMovementInterim)).RequireAuthorization(Policies.Edit),
            "Interim review (sơ kết)", "Launched or interim-reviewed → interim-reviewed, with the date, the document, a short result and the year or period reviewed (by default the year of the date); one interim review per period (a second for the same period is refused with 409); none after the final review. The movement lists them in interimReviews, in date order.");
        Step(movements.MapPost("/{id:guid}/final-review", ReviewMovementFinal).WithName(nameof(ReviewMovementFinal)).RequireAuthorization(Policies.Edit),
            "Final review (tổng kết)", "Launched or interim-reviewed → final-reviewed, with the date, the document and a short result; it closes the series of interim reviews.");
        Step(movements.MapPost("/{id:guid}/close", CloseMovement).WithName(nameof(CloseMovement)).RequireAuthorization(Policies.Edit),
            "Close a movement", "Final-reviewed → closed.");
        movements.MapPost("/import", ImportMovements).WithName(nameof(ImportMovements)).RequireAuthorization(Policies.Edit).RequireRateLimiting(SecuritySetup.ImportRateLimit)
            .WithSummary("Register the movements a plan's text names")
            .WithDescription("Reads a plan document's text (text/plain) and registers the movements its part on emulation movements names: the period's main movement and the continuing ones, linked to the plan when it is registered. Idempotent by name.")
            .Accepts<string>("text/plain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static void Step(RouteHandlerBuilder route, string summary, string description) =>
        route.WithSummary(summary).WithDescription(description + " An illegal transition, a date after today (Bắc Ninh time) or before the previous step, and a review dated before the movement's period starts are refused with 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<NoContent> DeleteMovement(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteMovementCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    // One use case (AdvanceMovement), four doors with stable operation names.
    public static Task<Ok<MovementDto>> LaunchMovement(Guid id, AdvanceMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Advance(id, command with { To = MovementStatus.Launched }, http, mediator, ct);

    public static Task<Ok<MovementDto>> ReviewMovementInterim(Guid id, AdvanceMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Advance(id, command with { To = MovementStatus.InterimReviewed }, http, mediator, ct);

    public static Task<Ok<MovementDto>> ReviewMovementFinal(Guid id, AdvanceMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Advance(id, command with { To = MovementStatus.FinalReviewed }, http, mediator, ct);

    public static Task<Ok<MovementDto>> CloseMovement(Guid id, AdvanceMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Advance(id, command with { To = MovementStatus.Closed }, http, mediator, ct);

    public static async Task<Ok<PagedResponse<MovementDto>>> ListMovements([AsParameters] ListMovementsQuery query, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<MovementDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<PagedResponse<MovementTaskDto>>> ListMovementTasks(Guid id, HttpRequest request, IMediator mediator, CancellationToken ct,
        int page = 1, int pageSize = PagingRules.DefaultPageSize) =>
        TypedResults.Ok(PagedResponse<MovementTaskDto>.From(await mediator.Send(new ListMovementTasksQuery(id, page, pageSize), ct), request));

    public static async Task<Created<MovementDto>> CreateMovement(CreateMovementCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var movement = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(movement.Version);
        return TypedResults.Created($"/api/v1/movements/{movement.Id}", movement);
    }

    public static async Task<Results<Ok<MovementDto>, StatusCodeHttpResult>> GetMovement(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var movement = await mediator.Send(new GetMovementQuery(id), ct);
        return ETags.Read(http, ETags.For(movement.Version), movement);
    }

    public static async Task<Ok<MovementDto>> UpdateMovement(Guid id, UpdateMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var movement = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(movement.Version);
        return TypedResults.Ok(movement);
    }

    private static async Task<Ok<MovementDto>> Advance(Guid id, AdvanceMovementCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var movement = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(movement.Version);
        return TypedResults.Ok(movement);
    }

    public static async Task<Ok<MovementImportResult>> ImportMovements(HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return TypedResults.Ok(await mediator.Send(new ImportMovementsCommand(await reader.ReadToEndAsync(ct)), ct));
    }
}

using EmulationApi.Api.Http;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Tasks;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

using EmulationApi.Api.Security;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/tasks: the task feed the portal polls, its summary, each task and its progress reports.</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(Policies.Read);

        tasks.MapGet("/", ListTasks).WithName(nameof(ListTasks))
            .WithSummary("The task feed (nhiệm vụ) across plans")
            .WithDescription("""
                Filters by plan, movement served, year, group (Q1–Q4, Recurring), deadline quarter or month, lead unit, any assignee unit, status,
                timeliness on asOf, and a diacritic-insensitive search; stable sorts; paging. Answers with a strong ETag: send it back
                in If-None-Match and an unchanged page costs a 304. Cancelled tasks (hủy, by an amendment) leave the default view;
                status=Cancelled shows them. changedSince returns only tasks changed after that instant (progress reports,
                cancellations, a unit they show renamed), cancelled ones included, and the tombstone of each task deleted after it
                (deleted: true, with its id, plan, group, number, deadline and updatedAt = when it was deleted; its other fields are
                null). Tombstones follow the plan, year, group, quarter and month filters and pass the others. Poll with
                sort=updatedAt and the last item's updatedAt to see every change, deletions included, exactly once and in order.
                With format=csv|xlsx (or Accept: text/csv or the .xlsx type), every matching task as a CSV or Excel file, in the
                same sort, page and pageSize ignored; under changedSince, without tombstones.
                """)
            .WithMetadata(TableExport.Instance)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
        tasks.MapGet("/summary", GetTaskSummary).WithName(nameof(GetTaskSummary))
            .WithSummary("Task counts by status and timeliness")
            .WithDescription("Counts tasks by stored status and by timeliness on asOf (trong hạn, sắp đến hạn, quá hạn, hoàn thành đúng hạn, hoàn thành quá hạn, không thời hạn), grouped by lead unit, quarter or plan, with the feed's filters. The same groups and the total as a CSV or Excel file with format=csv|xlsx or Accept (text/csv, the .xlsx type). Answers with an ETag (304 when unchanged).")
            .WithMetadata(TableExport.Instance)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
        tasks.MapGet("/{id:guid}", GetTask).WithName(nameof(GetTask))
            .WithSummary("Read a task")
            .WithDescription("A task with its assignees, timing, deadline, status and timeliness on asOf. Answers with an ETag; If-None-Match gives 304.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPut("/{id:guid}", UpdateTask).WithName(nameof(UpdateTask)).RequireAuthorization(Policies.Edit)
            .WithSummary("Rewrite a task of a draft plan")
            .WithDescription("Replaces the task's group, number, content, timing, assignees and the movement it serves (movementId; null for none). Refused with 409 once the plan is issued; a stale If-Match is refused with 412 and nothing changes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        tasks.MapDelete("/{id:guid}", DeleteTask).WithName(nameof(DeleteTask)).RequireAuthorization(Policies.Edit)
            .WithSummary("Remove a task from a draft plan")
            .WithDescription("Refused with 409 once the plan is issued.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        tasks.MapPost("/{id:guid}/progress", ReportProgress).WithName(nameof(ReportProgress)).RequireAuthorization(Policies.ReportProgress)
            .WithSummary("Report progress on a task (báo cáo tiến độ)")
            .WithDescription("Records a report (date, reporting unit, text, evidence links) and sets the task's status. Only on an issued plan's tasks; a date in the future or before the last report is refused with 409. With If-Match, a stale ETag is refused with 412.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        tasks.MapGet("/{id:guid}/progress", ListProgressReports).WithName(nameof(ListProgressReports))
            .WithSummary("A task's progress history")
            .WithDescription("Every progress report on the task, newest first.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<TaskFeedItemDto>>, StatusCodeHttpResult, TableFile>> ListTasks(
        [AsParameters] ListTasksQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        if (TableFile.Requested(http, format) is { } file) return new TableFile(file, await mediator.Send(new ExportTasksQuery(query), ct));
        var feed = await mediator.Send(query, ct);
        if (ETags.SetAndMatch(http, ETags.ForState(feed.State))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(PagedResponse<TaskFeedItemDto>.From(await feed.ReadPageAsync(ct), http.Request));
    }

    public static async Task<Results<Ok<TaskSummaryDto>, StatusCodeHttpResult, TableFile>> GetTaskSummary(
        [AsParameters] GetTaskSummaryQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        var file = TableFile.Requested(http, format);
        var summary = await mediator.Send(query, ct);
        if (file is { } f) return new TableFile(f, ExportTaskSummary.Of(summary));
        if (ETags.SetAndMatch(http, ETags.ForState(summary))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(summary);
    }

    public static async Task<Results<Ok<TaskDto>, StatusCodeHttpResult>> GetTask(Guid id, HttpContext http, IMediator mediator, TimeProvider clock, CancellationToken ct, DateOnly? asOf = null)
    {
        var task = await mediator.Send(new GetTaskQuery(id, asOf), ct);
        return ETags.Read(http, ETags.For(task.Version, task), task);
    }

    public static async Task<Ok<TaskDto>> UpdateTask(Guid id, UpdateTaskCommand command, HttpContext http, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var task = await mediator.Send(command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        http.Response.Headers.ETag = ETags.For(task.Version, task);
        return TypedResults.Ok(task);
    }

    public static async Task<NoContent> DeleteTask(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteTaskCommand(id, ETags.IfMatchVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Created<ProgressReportDto>> ReportProgress(Guid id, ReportProgressCommand command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var report = await mediator.Send(command with { TaskId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct);
        return TypedResults.Created($"/api/v1/tasks/{id}/progress", report);
    }

    public static async Task<Ok<PagedResponse<ProgressReportDto>>> ListProgressReports(Guid id, HttpRequest request, IMediator mediator, CancellationToken ct,
        int page = 1, int pageSize = PagingRules.DefaultPageSize) =>
        TypedResults.Ok(PagedResponse<ProgressReportDto>.From(await mediator.Send(new ListProgressReportsQuery(id, page, pageSize), ct), request));
}

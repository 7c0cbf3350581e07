using Microsoft.EntityFrameworkCore;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Obligations;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>A task with its timeliness on a reference date, computed by the database.</summary>
public sealed class TaskRow
{
    public required PlanTask Task { get; init; }
    public required Timeliness Timeliness { get; init; }
}

public static class TaskQueries
{
    /// <summary>Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving): the default reference date.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(7));

    /// <summary>Each task with its timeliness on <paramref name="asOf"/> (<see cref="TimelinessRule"/>), computed by PostgreSQL.</summary>
    public static IQueryable<TaskRow> WithTimeliness(this IQueryable<PlanTask> tasks, DateOnly asOf) =>
        tasks.Select(TimelinessRule.Project<PlanTask, TaskRow>(
            (t, timeliness) => new TaskRow { Task = t, Timeliness = timeliness },
            t => t.Status == TaskProgress.Done,
            t => t.Status == TaskProgress.NotCarriedOut || t.Status == TaskProgress.Cancelled,
            t => t.Deadline,
            t => t.CompletedOn,
            asOf));

    /// <summary>Reads tasks as DTOs: one query for the tasks' columns and their assignees as one ordered collection,
    /// one GROUP BY for their obligations' counts.</summary>
    public static async Task<IReadOnlyList<TaskDto>> ToDtoListAsync(this IQueryable<TaskRow> rows, IAppDbContext db, DateOnly asOf, CancellationToken ct) =>
        await db.WithCountsAsync(await rows.Project().ToListAsync(ct), asOf, ct);

    /// <summary>
    /// Reads a page of <paramref name="ordered"/> as DTOs and how many rows <paramref name="all"/> holds. The count comes
    /// with the page: a scalar subquery of the page's statement, which PostgreSQL runs once (an InitPlan), not a statement
    /// of its own; only a page past the end, which has no row to carry it, counts on its own.
    /// </summary>
    public static async Task<(IReadOnlyList<TaskDto> Items, int Total)> ToDtoPageAsync(this IQueryable<TaskRow> ordered, IQueryable<TaskRow> all,
        IPagedQuery paging, IAppDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var page = await ordered.PageOf(paging).Project().Select(p => new { Projection = p, Total = all.Count() }).ToListAsync(ct);
        var total = page.Count > 0 ? page[0].Total : paging.Page == 1 ? 0 : await all.CountAsync(ct);
        return (await db.WithCountsAsync(page.ConvertAll(p => p.Projection), asOf, ct), total);
    }

    private static async Task<IReadOnlyList<TaskDto>> WithCountsAsync(this IAppDbContext db, List<Projection> tasks, DateOnly asOf, CancellationToken ct)
    {
        var counts = await db.CountByTaskAsync(tasks.ConvertAll(t => t.Task.Id), asOf, ct);
        return tasks.ConvertAll(p => p.ToDto(counts));
    }

    public static async Task<TaskDto?> FirstDtoOrDefaultAsync(this IQueryable<TaskRow> rows, IAppDbContext db, DateOnly asOf, CancellationToken ct) =>
        (await rows.Take(1).ToDtoListAsync(db, asOf, ct)).FirstOrDefault();

    // One collection, split into leads and coordinators in memory: two projected collections made EF join them as a
    // product and build a delegate for each on every execution (a quarter of the list's CPU, bench/README.md).
    // Hand-written, not Mapster: the split happens after the query, the timeliness comes from the SQL CASE of
    // WithTimeliness and the timing's text from the task, none of which a Mapster projection of PlanTask expresses.
    private sealed record Projection(TaskDto Task, List<AssigneeRow> Assignees)
    {
        public TaskDto ToDto(IReadOnlyDictionary<(Guid TaskId, AssigneeRole Role), ObligationCountsDto> counts) => Task with
        {
            LeadObligations = counts.GetValueOrDefault((Task.Id, AssigneeRole.Lead), ObligationCountsDto.None),
            CoordinatorObligations = counts.GetValueOrDefault((Task.Id, AssigneeRole.Coordinator), ObligationCountsDto.None),
            Leads = Assignees.Where(a => a.Role == AssigneeRole.Lead).Select(a => a.Assignee).ToList(),
            Coordinators = Assignees.Where(a => a.Role == AssigneeRole.Coordinator).Select(a => a.Assignee).ToList(),
        };
    }

    private sealed record AssigneeRow(AssigneeRole Role, AssigneeDto Assignee);

    private static IQueryable<Projection> Project(this IQueryable<TaskRow> rows) =>
        rows.Select(r => new Projection(
            new TaskDto(
                r.Task.Id,
                r.Task.PlanId,
                r.Task.Plan!.Year,
                r.Task.Group,
                r.Task.Sequence,
                r.Task.Content,
                new TimingDto(r.Task.Timing.Kind, r.Task.Timing.Month, r.Task.Timing.Quarter, r.Task.Timing.Date, r.Task.Timing.Condition, r.Task.TimingText),
                r.Task.Deadline,
                Array.Empty<AssigneeDto>(),
                Array.Empty<AssigneeDto>(),
                r.Task.LeadText,
                r.Task.CoordinatorText,
                r.Task.Status,
                r.Timeliness,
                r.Task.CompletedOn,
                r.Task.LastReportedOn,
                r.Task.ReportCount,
                null!, // the obligations' counts come from their own query (ToDtoListAsync)
                null!,
                r.Task.CancelledBy,
                r.Task.CancellationReason,
                r.Task.AmendedBy,
                r.Task.MovementId,
                r.Task.CreatedAt,
                r.Task.UpdatedAt,
                r.Task.Version),
            r.Task.Assignees.OrderBy(a => a.Position)
                .Select(a => new AssigneeRow(a.Role, new AssigneeDto(a.UnitId, a.Unit != null ? a.Unit.Code : null, a.Unit != null ? a.Unit.Name : null, a.Group, a.SourceText)))
                .ToList()));
}

using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// The timeliness rule, the only copy: the timeliness on <paramref name="asOf"/> as a SQL CASE, so a task, the feed's
    /// filter and the summaries use it without loading tasks. Not done: overdue after the deadline, due soon from
    /// <see cref="PlanTask.DueSoonDays"/> days before it, else within the deadline; done: on time or late by the
    /// completion date; recurring or not carried out: no deadline. Tested through HTTP (TimelinessTests).
    /// </summary>
    public static IQueryable<TaskRow> WithTimeliness(this IQueryable<PlanTask> tasks, DateOnly asOf)
    {
        var dueSoonLimit = asOf.AddDays(PlanTask.DueSoonDays);
        return tasks.Select(t => new TaskRow
        {
            Task = t,
            Timeliness =
                t.Status == ProgressStatus.NotCarriedOut ? Timeliness.NoDeadline
                : t.Status == ProgressStatus.Done ? (t.Deadline != null && t.CompletedOn > t.Deadline ? Timeliness.DoneLate : Timeliness.DoneOnTime)
                : t.Deadline == null ? Timeliness.NoDeadline
                : t.Deadline < asOf ? Timeliness.Overdue
                : t.Deadline <= dueSoonLimit ? Timeliness.DueSoon
                : Timeliness.WithinDeadline,
        });
    }

    /// <summary>Reads tasks as DTOs in one query: the task's columns and its assignees as one ordered collection.</summary>
    public static async Task<IReadOnlyList<TaskDto>> ToDtoListAsync(this IQueryable<TaskRow> rows, CancellationToken ct) =>
        (await rows.Project().ToListAsync(ct)).ConvertAll(p => p.ToDto());

    public static async Task<TaskDto?> FirstDtoOrDefaultAsync(this IQueryable<TaskRow> rows, CancellationToken ct) =>
        (await rows.Project().FirstOrDefaultAsync(ct))?.ToDto();

    // One collection, split into leads and coordinators in memory: two projected collections made EF join them as a
    // product and build a delegate for each on every execution (a quarter of the list's CPU, bench/README.md).
    // Hand-written, not Mapster: the split happens after the query, the timeliness comes from the SQL CASE of
    // WithTimeliness and the timing's text from the task, none of which a Mapster projection of PlanTask expresses.
    private sealed record Projection(TaskDto Task, List<AssigneeRow> Assignees)
    {
        public TaskDto ToDto() => Task with
        {
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
                r.Task.CreatedAt,
                r.Task.UpdatedAt,
                r.Task.Version),
            r.Task.Assignees.OrderBy(a => a.Position)
                .Select(a => new AssigneeRow(a.Role, new AssigneeDto(a.UnitId, a.Unit != null ? a.Unit.Code : null, a.Unit != null ? a.Unit.Name : null, a.Group, a.SourceText)))
                .ToList()));
}

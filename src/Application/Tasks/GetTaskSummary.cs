using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>How a task summary groups its counts.</summary>
public enum TaskSummaryGrouping
{
    /// <summary>By lead unit (đơn vị chủ trì); a task with several leads counts under each; group leads under the group.</summary>
    LeadUnit,
    /// <summary>By appendix group: Q1–Q4 and Recurring.</summary>
    Quarter,
    /// <summary>By plan.</summary>
    Plan,
}

/// <summary>Counts of tasks by status and by timeliness on asOf, grouped, with the same filters as the feed.</summary>
public sealed record GetTaskSummaryQuery(
    TaskSummaryGrouping GroupBy = TaskSummaryGrouping.LeadUnit,
    Guid? PlanId = null,
    Guid? MovementId = null,
    int? Year = null,
    PeriodGroup? Group = null,
    int? Quarter = null,
    int? Month = null,
    string? LeadUnitCode = null,
    string? UnitCode = null,
    TaskProgress? Status = null,
    Timeliness? Timeliness = null,
    string? Q = null,
    DateTimeOffset? ChangedSince = null,
    DateOnly? AsOf = null) : IRequest<TaskSummaryDto>, ITaskFilter;

/// <summary>Task counts: the whole set and each group.</summary>
public sealed record TaskSummaryDto(TaskSummaryGrouping GroupBy, DateOnly AsOf, TaskCountsDto Total, IReadOnlyList<TaskSummaryGroupDto> Groups);

/// <summary>One group of a summary.</summary>
/// <param name="Key">The unit code, the group name (Q1…, Recurring, or an assignee group), or the plan id.</param>
/// <param name="Label">A readable Vietnamese name: the unit's, the group's ("Quý I", "Các xã, phường") or the plan's.</param>
public sealed record TaskSummaryGroupDto(string Key, string Label, TaskCountsDto Counts);

/// <summary>How many tasks, by stored status and by derived timeliness.</summary>
public sealed record TaskCountsDto(
    int Total,
    int NotStarted,
    int InProgress,
    int Done,
    int NotCarriedOut,
    int Unassigned,
    int Cancelled,
    int WithinDeadline,
    int DueSoon,
    int Overdue,
    int DoneOnTime,
    int DoneLate,
    int NoDeadline)
{
    public static TaskCountsDto From(IEnumerable<(TaskProgress Status, Timeliness Timeliness, int Count)> cells)
    {
        var list = cells.ToList();
        int S(TaskProgress s) => list.Where(c => c.Status == s).Sum(c => c.Count);
        int T(Timeliness t) => list.Where(c => c.Timeliness == t).Sum(c => c.Count);
        return new TaskCountsDto(list.Sum(c => c.Count),
            S(TaskProgress.NotStarted), S(TaskProgress.InProgress), S(TaskProgress.Done), S(TaskProgress.NotCarriedOut),
            S(TaskProgress.Unassigned), S(TaskProgress.Cancelled),
            T(Timeliness.WithinDeadline), T(Timeliness.DueSoon), T(Timeliness.Overdue), T(Timeliness.DoneOnTime),
            T(Timeliness.DoneLate), T(Timeliness.NoDeadline));
    }
}

public sealed class GetTaskSummaryValidator : AbstractValidator<GetTaskSummaryQuery>
{
    public GetTaskSummaryValidator()
    {
        Include(new TaskFilterValidator());
        RuleFor(x => x.GroupBy).IsInEnum();
    }
}

public sealed class GetTaskSummaryHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<GetTaskSummaryQuery, TaskSummaryDto>
{
    public async Task<TaskSummaryDto> Handle(GetTaskSummaryQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var rows = await db.FilterAsync(request, asOf, cancellationToken);

        // Every count is made by PostgreSQL in one statement. By quarter and by plan it is one GROUP BY over (group, status,
        // timeliness): each task is in exactly one group, so the groups add up to the total. By lead unit a task counts
        // under each of its leads, so the groups do not add up to the total: its cells come from a second GROUP BY over
        // the tasks in the same statement. (Telling each task's first lead apart in the one GROUP BY costs a probe of the
        // assignees per row: measured slower, README Performance.)
        List<SummaryCell> cells;
        switch (request.GroupBy)
        {
            case TaskSummaryGrouping.Quarter:
                cells = (await rows.GroupBy(r => new { r.Task.Group, r.Task.Status, r.Timeliness })
                        .Select(g => new { g.Key.Group, g.Key.Status, g.Key.Timeliness, Count = g.Count() }).ToListAsync(cancellationToken))
                    .ConvertAll(c => new SummaryCell(c.Group.ToString(), c.Group.Label(), c.Status, c.Timeliness, c.Count, c.Count));
                break;
            case TaskSummaryGrouping.Plan:
                cells = (await rows.GroupBy(r => new { r.Task.PlanId, r.Task.Plan!.Title, r.Task.Plan.Year, r.Task.Status, r.Timeliness })
                        .Select(g => new { g.Key.PlanId, g.Key.Title, g.Key.Year, g.Key.Status, g.Key.Timeliness, Count = g.Count() }).ToListAsync(cancellationToken))
                    .ConvertAll(c => new SummaryCell(c.PlanId.ToString(), $"{c.Title} ({c.Year})", c.Status, c.Timeliness, c.Count, c.Count));
                break;
            default:
                cells = await LeadCellsAsync(rows, request.Year, cancellationToken);
                break;
        }

        var groups = cells.Where(c => c.Key is not null).GroupBy(c => (Key: c.Key!, c.Label))
            .Select(g => new TaskSummaryGroupDto(g.Key.Key, g.Key.Label, TaskCountsDto.From(g.Select(c => (c.Status, c.Timeliness, c.Count)))))
            .OrderByDescending(g => g.Counts.Total).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new TaskSummaryDto(request.GroupBy, asOf, TaskCountsDto.From(cells.Select(c => (c.Status, c.Timeliness, c.InTotal))), groups);
    }

    /// <summary>The cells by lead unit and the total's (Key null) in one statement: the leads' GROUP BY and the tasks' in one
    /// UNION ALL. The lead rows are counted by unit id, then named: joined to units before the count, each of a year's
    /// ~11,500 lead rows was a probe of pk_units at 1M tasks (PostgreSQL cannot see that a lead row of the year belongs to
    /// a task of the year, so it expected ~115 rows: 31,000 buffers), where the ~1,300 counted groups need one each. With a
    /// year the lead rows come from their own index (<c>ix_task_assignees_lead_plan_year</c>, <see cref="LeadsOfYear"/>)
    /// and PostgreSQL hashes them against the year's tasks; without one, each task's leads are probed by task id (a filter
    /// without a year may select few tasks of many years).</summary>
    private async Task<List<SummaryCell>> LeadCellsAsync(IQueryable<TaskRow> rows, int? year, CancellationToken ct)
    {
        var total = rows.GroupBy(r => new { r.Task.Status, r.Timeliness })
            .Select(g => new LeadCell
            {
                Total = true, Code = null, Name = null, Group = null, Text = null,
                Status = g.Key.Status, Timeliness = g.Key.Timeliness, Count = g.Count(),
            });
        var counted = rows.Join(year is { } y ? LeadsOfYear(y) : db.TaskLeads, r => r.Task.Id, a => a.TaskId,
                (r, a) => new { a.UnitId, a.Group, a.SourceText, r.Task.Status, r.Timeliness })
            .GroupBy(x => new { x.UnitId, x.Group, Text = x.UnitId == null && x.Group == null ? x.SourceText : null, x.Status, x.Timeliness })
            .Select(g => new { g.Key.UnitId, g.Key.Group, g.Key.Text, g.Key.Status, g.Key.Timeliness, Count = g.Count() });
        var leads = from c in counted
                    join u in db.Units on c.UnitId equals u.Id into named
                    from u in named.DefaultIfEmpty()
                    select new LeadCell
                    {
                        Total = false, Code = u != null ? u.Code : null, Name = u != null ? u.Name : null, Group = c.Group,
                        Text = c.Text, Status = c.Status, Timeliness = c.Timeliness, Count = c.Count,
                    };
        return (await leads.Concat(total).ToListAsync(ct)).ConvertAll(c => c.ToSummaryCell());
    }

    /// <summary>The lead rows of a year, read by the partial index on plan_year (a column
    /// the EF model's tasks do not hold: UnitYearSql). Through <see cref="IAppDbContext.TaskLeads"/>, not SqlQuery with
    /// the year interpolated, so EF Core caches the summary's SQL (see <see cref="TaskFiltering"/>'s unit filter).</summary>
    private IQueryable<TaskLead> LeadsOfYear(int year) => db.TaskLeads.Where(l => l.PlanYear == year);

    /// <summary>A row of the leads' UNION ALL: a lead unit's (or group's, or text's) cell, or the total's (Total true).
    /// The group comes as text (<see cref="TaskLead"/> is fixed SQL, outside the model's enum conversions).</summary>
    private sealed class LeadCell
    {
        public bool Total { get; init; }
        public string? Code { get; init; }
        public string? Name { get; init; }
        public string? Group { get; init; }
        public string? Text { get; init; }
        public TaskProgress Status { get; init; }
        public Timeliness Timeliness { get; init; }
        public int Count { get; init; }

        public SummaryCell ToSummaryCell()
        {
            var group = Group is null ? (AssigneeGroup?)null : Enum.Parse<AssigneeGroup>(Group);
            return new(Total ? null : Code ?? group?.ToString() ?? Text ?? "", Name ?? group?.Label() ?? Text ?? "",
                Status, Timeliness, Total ? 0 : Count, Total ? Count : 0);
        }
    }

    /// <summary>One cell of the counts: a group (null: the total's own cells) and a status × timeliness, with how many tasks
    /// it counts in its group and how many the total counts here (each task once).</summary>
    private sealed record SummaryCell(string? Key, string Label, TaskProgress Status, Timeliness Timeliness, int Count, int InTotal);
}

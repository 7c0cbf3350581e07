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

    public static TaskCountsDto Sum(IEnumerable<TaskCountsDto> counts) => counts.Aggregate(new TaskCountsDto(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (a, b) => new TaskCountsDto(a.Total + b.Total, a.NotStarted + b.NotStarted, a.InProgress + b.InProgress, a.Done + b.Done,
            a.NotCarriedOut + b.NotCarriedOut, a.Unassigned + b.Unassigned, a.Cancelled + b.Cancelled, a.WithinDeadline + b.WithinDeadline,
            a.DueSoon + b.DueSoon, a.Overdue + b.Overdue, a.DoneOnTime + b.DoneOnTime, a.DoneLate + b.DoneLate, a.NoDeadline + b.NoDeadline));
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

        // Every count is made by PostgreSQL in one statement: by quarter and by plan one GROUP BY over (group, status,
        // timeliness), folded here; by lead unit one row a lead (LeadCountsAsync). (Telling each task's first lead apart
        // in one GROUP BY costs a probe of the assignees per row: measured slower, README Performance.)
        if (request.GroupBy is not (TaskSummaryGrouping.Quarter or TaskSummaryGrouping.Plan))
        {
            var (total, leads) = await LeadCountsAsync(rows, request.Year, cancellationToken);
            return new TaskSummaryDto(request.GroupBy, asOf, total, Ordered(leads));
        }
        var cells = request.GroupBy == TaskSummaryGrouping.Quarter
            ? (await rows.GroupBy(r => new { r.Task.Group, r.Task.Status, r.Timeliness })
                    .Select(g => new { g.Key.Group, g.Key.Status, g.Key.Timeliness, Count = g.Count() }).ToListAsync(cancellationToken))
                .ConvertAll(c => (Key: c.Group.ToString(), Label: c.Group.Label(), c.Status, c.Timeliness, c.Count))
            : (await rows.GroupBy(r => new { r.Task.PlanId, r.Task.Plan!.Title, r.Task.Plan.Year, r.Task.Status, r.Timeliness })
                    .Select(g => new { g.Key.PlanId, g.Key.Title, g.Key.Year, g.Key.Status, g.Key.Timeliness, Count = g.Count() }).ToListAsync(cancellationToken))
                .ConvertAll(c => (Key: c.PlanId.ToString(), Label: $"{c.Title} ({c.Year})", c.Status, c.Timeliness, c.Count));
        // Each task is in exactly one quarter group and one plan, so the groups add up to the total.
        var groups = cells.GroupBy(c => (c.Key, c.Label))
            .Select(g => new TaskSummaryGroupDto(g.Key.Key, g.Key.Label, TaskCountsDto.From(g.Select(c => (c.Status, c.Timeliness, c.Count)))));
        return new TaskSummaryDto(request.GroupBy, asOf, TaskCountsDto.From(cells.Select(c => (c.Status, c.Timeliness, c.Count))), Ordered(groups));
    }

    private static List<TaskSummaryGroupDto> Ordered(IEnumerable<TaskSummaryGroupDto> groups) =>
        groups.OrderByDescending(g => g.Counts.Total).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

    /// <summary>The total and the groups by lead unit in one statement, one row a group. A task counts under each of its
    /// leads, so the groups do not add up to the total: the total's cells come from a GROUP BY over the tasks, the leads'
    /// from a GROUP BY over the tasks joined to their lead rows, folded by PostgreSQL into one row of counts a lead; the
    /// total's cells (a dozen) come in the same UNION ALL as rows of the same columns, one a cell, added up here (folded
    /// there too, their aggregate sat on PostgreSQL's estimate of 10,000 cells and it planned the statement in parallel:
    /// slower under load). Only the folded rows are then named: joined to units before the count, each of a year's
    /// ~11,500 lead rows was a probe of pk_units at 1M tasks (PostgreSQL cannot see that a lead row of the year belongs
    /// to a task of the year, so it expected ~115 rows: 31,000 buffers), where the ~430 folded groups need one each.
    /// Folded in memory instead, the API read a row a cell (~1,300) and spent most of its CPU on them (README
    /// Performance). With a year the lead rows come from their own index (<c>ix_task_assignees_lead_plan_year</c>,
    /// <see cref="LeadsOfYear"/>) and PostgreSQL hashes them against the year's tasks; without one, each task's leads are
    /// probed by task id (a filter without a year may select few tasks of many years).</summary>
    private async Task<(TaskCountsDto Total, IEnumerable<TaskSummaryGroupDto> Groups)> LeadCountsAsync(IQueryable<TaskRow> rows, int? year,
        CancellationToken ct)
    {
        // The total's cells, each one row of the counts' shape (a cell counts under its status and its timeliness).
        var total = rows.GroupBy(r => new { r.Task.Status, r.Timeliness })
            .Select(g => new CountsRow
            {
                Total = true, UnitId = null, Group = null, Text = null, All = g.Count(),
                NotStarted = g.Key.Status == TaskProgress.NotStarted ? g.Count() : 0,
                InProgress = g.Key.Status == TaskProgress.InProgress ? g.Count() : 0,
                Done = g.Key.Status == TaskProgress.Done ? g.Count() : 0,
                NotCarriedOut = g.Key.Status == TaskProgress.NotCarriedOut ? g.Count() : 0,
                Unassigned = g.Key.Status == TaskProgress.Unassigned ? g.Count() : 0,
                Cancelled = g.Key.Status == TaskProgress.Cancelled ? g.Count() : 0,
                WithinDeadline = g.Key.Timeliness == Timeliness.WithinDeadline ? g.Count() : 0,
                DueSoon = g.Key.Timeliness == Timeliness.DueSoon ? g.Count() : 0,
                Overdue = g.Key.Timeliness == Timeliness.Overdue ? g.Count() : 0,
                DoneOnTime = g.Key.Timeliness == Timeliness.DoneOnTime ? g.Count() : 0,
                DoneLate = g.Key.Timeliness == Timeliness.DoneLate ? g.Count() : 0,
                NoDeadline = g.Key.Timeliness == Timeliness.NoDeadline ? g.Count() : 0,
            });
        // The leads' cells, folded into one row a lead.
        var leads = rows.Join(year is { } y ? LeadsOfYear(y) : db.TaskLeads, r => r.Task.Id, a => a.TaskId,
                (r, a) => new { a.UnitId, a.Group, a.SourceText, r.Task.Status, r.Timeliness })
            .GroupBy(x => new { x.UnitId, x.Group, Text = x.UnitId == null && x.Group == null ? x.SourceText : null, x.Status, x.Timeliness })
            .Select(g => new { g.Key.UnitId, g.Key.Group, g.Key.Text, g.Key.Status, g.Key.Timeliness, Count = g.Count() })
            .GroupBy(c => new { c.UnitId, c.Group, c.Text })
            .Select(g => new CountsRow
            {
                Total = false, UnitId = g.Key.UnitId, Group = g.Key.Group, Text = g.Key.Text, All = g.Sum(c => c.Count),
                NotStarted = g.Sum(c => c.Status == TaskProgress.NotStarted ? c.Count : 0),
                InProgress = g.Sum(c => c.Status == TaskProgress.InProgress ? c.Count : 0),
                Done = g.Sum(c => c.Status == TaskProgress.Done ? c.Count : 0),
                NotCarriedOut = g.Sum(c => c.Status == TaskProgress.NotCarriedOut ? c.Count : 0),
                Unassigned = g.Sum(c => c.Status == TaskProgress.Unassigned ? c.Count : 0),
                Cancelled = g.Sum(c => c.Status == TaskProgress.Cancelled ? c.Count : 0),
                WithinDeadline = g.Sum(c => c.Timeliness == Timeliness.WithinDeadline ? c.Count : 0),
                DueSoon = g.Sum(c => c.Timeliness == Timeliness.DueSoon ? c.Count : 0),
                Overdue = g.Sum(c => c.Timeliness == Timeliness.Overdue ? c.Count : 0),
                DoneOnTime = g.Sum(c => c.Timeliness == Timeliness.DoneOnTime ? c.Count : 0),
                DoneLate = g.Sum(c => c.Timeliness == Timeliness.DoneLate ? c.Count : 0),
                NoDeadline = g.Sum(c => c.Timeliness == Timeliness.NoDeadline ? c.Count : 0),
            });
        var named = await (from f in leads.Concat(total)
                           join u in db.Units on f.UnitId equals u.Id into units
                           from u in units.DefaultIfEmpty()
                           select new LeadCounts
                           {
                               Total = f.Total, Code = u != null ? u.Code : null, Name = u != null ? u.Name : null, Group = f.Group, Text = f.Text,
                               Counts = new TaskCountsDto(f.All, f.NotStarted, f.InProgress, f.Done, f.NotCarriedOut, f.Unassigned, f.Cancelled,
                                   f.WithinDeadline, f.DueSoon, f.Overdue, f.DoneOnTime, f.DoneLate, f.NoDeadline),
                           }).ToListAsync(ct);
        return (TaskCountsDto.Sum(named.Where(n => n.Total).Select(n => n.Counts)), named.Where(n => !n.Total).Select(n => n.ToGroup()));
    }

    /// <summary>The lead rows of a year, read by the partial index on plan_year (a column
    /// the EF model's tasks do not hold: UnitYearSql). Through <see cref="IAppDbContext.TaskLeads"/>, not SqlQuery with
    /// the year interpolated, so EF Core caches the summary's SQL (see <see cref="TaskFiltering"/>'s unit filter).</summary>
    private IQueryable<TaskLead> LeadsOfYear(int year) => db.TaskLeads.Where(l => l.PlanYear == year);

    /// <summary>A row of the leads' UNION ALL: a lead unit's (or group's, or text's) counts, or one cell of the total's
    /// (Total true). The group comes as text (<see cref="TaskLead"/> is fixed SQL, outside the model's enum conversions).</summary>
    private sealed class CountsRow
    {
        public bool Total { get; init; }
        public Guid? UnitId { get; init; }
        public string? Group { get; init; }
        public string? Text { get; init; }
        public int All { get; init; }
        public int NotStarted { get; init; }
        public int InProgress { get; init; }
        public int Done { get; init; }
        public int NotCarriedOut { get; init; }
        public int Unassigned { get; init; }
        public int Cancelled { get; init; }
        public int WithinDeadline { get; init; }
        public int DueSoon { get; init; }
        public int Overdue { get; init; }
        public int DoneOnTime { get; init; }
        public int DoneLate { get; init; }
        public int NoDeadline { get; init; }
    }

    /// <summary>A lead's counts (or a cell of the total's, Total true), named.</summary>
    private sealed class LeadCounts
    {
        public bool Total { get; init; }
        public string? Code { get; init; }
        public string? Name { get; init; }
        public string? Group { get; init; }
        public string? Text { get; init; }
        public required TaskCountsDto Counts { get; init; }

        public TaskSummaryGroupDto ToGroup()
        {
            var group = Group is null ? (AssigneeGroup?)null : Enum.Parse<AssigneeGroup>(Group);
            return new(Code ?? group?.ToString() ?? Text ?? "", Name ?? group?.Label() ?? Text ?? "", Counts);
        }
    }
}

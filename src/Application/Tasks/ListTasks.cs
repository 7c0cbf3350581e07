using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The task feed the portal polls: tasks across plans with filters, a stable sort and paging. Answers first with what
/// the page depends on (<see cref="TaskFeedState"/>, from which the API makes the ETag), and reads the page itself
/// only when asked: a client whose copy is current costs one aggregate query.
/// </summary>
/// <param name="PlanId">Only this plan's tasks.</param>
/// <param name="Year">Only tasks of plans of this year.</param>
/// <param name="Group">Only this appendix group (Q1–Q4, Recurring).</param>
/// <param name="Quarter">Only tasks whose deadline falls in this quarter (1–4).</param>
/// <param name="Month">Only tasks whose deadline falls in this month (1–12).</param>
/// <param name="LeadUnitCode">Only tasks this unit leads (chủ trì).</param>
/// <param name="UnitCode">Only tasks this unit leads or coordinates.</param>
/// <param name="Timeliness">Only tasks with this timeliness on asOf.</param>
/// <param name="Q">Search in the content, ignoring case and Vietnamese diacritics.</param>
/// <param name="ChangedSince">Only tasks changed after this instant (progress reports included). Poll with the last
/// item's updatedAt and sort=updatedAt: every change is seen once.</param>
/// <param name="AsOf">The reference date for timeliness; default today in Asia/Ho_Chi_Minh.</param>
/// <param name="Sort">plan (default: year, plan, group, number), deadline, -deadline, updatedAt, -updatedAt.</param>
public sealed record ListTasksQuery(
    Guid? PlanId = null,
    int? Year = null,
    PeriodGroup? Group = null,
    int? Quarter = null,
    int? Month = null,
    string? LeadUnitCode = null,
    string? UnitCode = null,
    ProgressStatus? Status = null,
    Timeliness? Timeliness = null,
    string? Q = null,
    DateTimeOffset? ChangedSince = null,
    DateOnly? AsOf = null,
    string? Sort = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<TaskFeed>, IPagedQuery, ITaskFilter
{
    public static readonly string[] SortKeys = ["plan", "deadline", "-deadline", "updatedAt", "-updatedAt"];
}

/// <summary>
/// What a page of the feed depends on: the request (filters, sort, page), the reference date, the count and latest
/// change of the matching tasks, and the latest change of units (tasks show their units' codes and names). Two equal
/// states give the same page.
/// </summary>
public sealed record TaskFeedState(ListTasksQuery Query, DateOnly AsOf, int Count, DateTimeOffset? LatestTaskChange, DateTimeOffset? LatestUnitChange);

/// <summary>The feed's answer: the state the page depends on, already read, and the page, read only on demand.</summary>
public sealed class TaskFeed(TaskFeedState state, Func<CancellationToken, Task<PagedList<TaskDto>>> readPage)
{
    public TaskFeedState State { get; } = state;

    public Task<PagedList<TaskDto>> ReadPageAsync(CancellationToken cancellationToken) => readPage(cancellationToken);
}

public sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksValidator()
    {
        this.AddPagingRules();
        Include(new TaskFilterValidator());
        RuleFor(x => x.Sort).Must(s => s is null || ListTasksQuery.SortKeys.Contains(s))
            .WithMessage($"'sort' must be one of: {string.Join(", ", ListTasksQuery.SortKeys)}.");
    }
}

public sealed class ListTasksHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ListTasksQuery, TaskFeed>
{
    public async Task<TaskFeed> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var rows = db.Filter(request, asOf);

        // What the page depends on: the matching tasks (count and latest change) and the units they name.
        var tasks = await rows.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Latest = g.Max(r => (DateTimeOffset?)r.Task.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var unitsChanged = await db.Units.MaxAsync(u => (DateTimeOffset?)u.UpdatedAt, cancellationToken);
        var state = new TaskFeedState(request, asOf, tasks?.Count ?? 0, tasks?.Latest, unitsChanged);
        return new TaskFeed(state, ct => ReadPageAsync(rows, request, state.Count, ct));
    }

    private static async Task<PagedList<TaskDto>> ReadPageAsync(IQueryable<TaskRow> rows, ListTasksQuery request, int total, CancellationToken cancellationToken)
    {
        var ordered = (request.Sort ?? "plan") switch
        {
            "deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenBy(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
            "-deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenByDescending(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
            "updatedAt" => rows.OrderBy(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
            "-updatedAt" => rows.OrderByDescending(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
            _ => rows.OrderByDescending(r => r.Task.Plan!.Year).ThenBy(r => r.Task.PlanId).ThenBy(r => r.Task.Group)
                .ThenBy(r => r.Task.Sequence).ThenBy(r => r.Task.Id),
        };
        var items = request.IsPastEnd(total) ? [] : await ordered.PageOf(request).ToDtoListAsync(cancellationToken);
        return new PagedList<TaskDto>(items, request.Page, request.PageSize, total);
    }
}

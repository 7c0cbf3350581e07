using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The task feed the portal polls: tasks across plans with filters, a stable sort and paging. Answers first with what
/// the page depends on (<see cref="TaskFeedState"/>, from which the API makes the ETag), and reads the page itself
/// only when asked: a client whose copy is current costs one tiny query (<see cref="ChangeMarker"/>).
/// </summary>
/// <param name="PlanId">Only this plan's tasks.</param>
/// <param name="MovementId">Only the tasks that serve this movement.</param>
/// <param name="Year">Only tasks of plans of this year.</param>
/// <param name="Group">Only this appendix group (Q1–Q4, Recurring).</param>
/// <param name="Quarter">Only tasks whose deadline falls in this quarter (1–4).</param>
/// <param name="Month">Only tasks whose deadline falls in this month (1–12).</param>
/// <param name="LeadUnitCode">Only tasks this unit leads (chủ trì).</param>
/// <param name="UnitCode">Only tasks this unit leads or coordinates.</param>
/// <param name="Timeliness">Only tasks with this timeliness on asOf.</param>
/// <param name="Q">Search in the content, ignoring case and Vietnamese diacritics.</param>
/// <param name="ChangedSince">Only tasks changed after this instant (progress reports, cancellations and the renaming of
/// a unit they show included), and the tombstones of tasks deleted after it (deleted: true). Poll with the last item's
/// updatedAt and sort=updatedAt: every change, deletions included, is seen once, in order.</param>
/// <param name="AsOf">The reference date for timeliness; default today in Asia/Ho_Chi_Minh.</param>
/// <param name="Sort">plan (default: year, plan, group, number), deadline, -deadline, updatedAt, -updatedAt.</param>
public sealed record ListTasksQuery(
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
    DateOnly? AsOf = null,
    string? Sort = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<Feed<TaskFeedItemDto>>, IPagedQuery, ITaskFilter
{
    public static readonly string[] SortKeys = ["plan", "deadline", "-deadline", "updatedAt", "-updatedAt"];
}

/// <summary>
/// What a page of the feed depends on: the request (filters, sort, page), the reference date, and the latest change of
/// tasks (touched too when their obligations change or a unit they name is renamed), obligations, tombstones, units and
/// plans (<see cref="ChangeMarker"/>). Two equal states give the same page.
/// </summary>
public sealed record TaskFeedState(ListTasksQuery Query, DateOnly AsOf, ChangeMarker Changes);

public sealed class ListTasksValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksValidator()
    {
        this.AddPagingRules();
        Include(new TaskFilterValidator());
        RuleFor(x => x.Sort).Must(s => s is null || ListTasksQuery.SortKeys.Contains(s))
            .WithMessage(_ => Localized.Text(
                $"'sort' must be one of: {string.Join(", ", ListTasksQuery.SortKeys)}.",
                $"'sort' phải là một trong các giá trị: {string.Join(", ", ListTasksQuery.SortKeys)}."));
    }
}

/// <summary>The feed's handler: the state a page depends on, then the page on demand (with tombstones under changedSince).</summary>
/// <remarks>
/// Tombstones: a task deleted from a draft plan leaves a row in task_tombstones, stamped under the feed lock like every
/// task's updated_at, so that under changedSince it takes its place among the changes exactly once. A tombstone keeps
/// where the task stood (plan, group, number, deadline): the filters on those (plan, year, group, quarter, month) apply
/// to it; the others describe a living task (its units, movement, status, timeliness, content), so a tombstone passes them — a
/// client that held the task under any filter learns it is gone.
/// </remarks>
public sealed class ListTasksHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ListTasksQuery, Feed<TaskFeedItemDto>>
{
    public async Task<Feed<TaskFeedItemDto>> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var (rows, changes, byUnit) = await FilterAndReadChangesAsync(request, asOf, cancellationToken);
        var tombstones = Tombstones(request);

        var state = new TaskFeedState(request, asOf, changes);
        if (request.ChangedSince is not { } changedSince)
            return new Feed<TaskFeedItemDto>(state, ct => ReadPageAsync(rows, byUnit, request, asOf, ct));
        if (changes.Tombstones is { } lastDeletion && lastDeletion > changedSince)
            return new Feed<TaskFeedItemDto>(state, ct => ReadChangesAsync(rows, tombstones, request, asOf, ct));
        // No task was deleted after changedSince when the marker was read: the changes are tasks only, read like any page
        // (without tombstones to merge). Bounded by the marker's latest task change: a deletion committed after the
        // marker is stamped later than every change the marker saw, so a change stamped after it (which this page would
        // otherwise show, moving the poller's cursor past that tombstone) waits for the next poll with it.
        var seen = changes.Tasks ?? changedSince.ToUniversalTime();
        return new Feed<TaskFeedItemDto>(state, ct => ReadPageAsync(rows.Where(r => r.Task.UpdatedAt <= seen), byUnit, request, asOf, ct));
    }

    /// <summary>The filtered tasks and the change marker. A unit filter's code is resolved in the marker's own statement
    /// (<see cref="ChangeMarkers.ReadChangeMarkerAsync(IAppDbContext, string?, CancellationToken)"/>), so a page for a unit
    /// costs two statements, not three; only a request naming two units resolves them on their own. ByUnit: a unit filter
    /// was given.</summary>
    private async Task<(IQueryable<TaskRow> Rows, ChangeMarker Changes, bool ByUnit)> FilterAndReadChangesAsync(ListTasksQuery request, DateOnly asOf,
        CancellationToken ct)
    {
        var (leadCode, anyCode) = (Domain.Common.Text.Clean(request.LeadUnitCode), Domain.Common.Text.Clean(request.UnitCode));
        if (leadCode is not null && anyCode is not null)
            return (await db.FilterAsync(request, asOf, ct), await db.ReadChangeMarkerAsync(ct), true);
        var code = leadCode ?? anyCode;
        var (changes, unitId) = await db.ReadChangeMarkerAsync(code is null ? null : UnitCodeLookup.Key(code), ct);
        var unit = code is null ? (Guid?)null : unitId ?? Guid.Empty; // no such unit: no task is its (Guid.Empty names no unit)
        return (db.Filter(request, asOf, leadCode is null ? null : unit, anyCode is null ? null : unit), changes, code is not null);
    }

    /// <summary>The tombstones the request's filters reach (see the remarks); under changedSince, those deleted after it.</summary>
    private IQueryable<TaskTombstone> Tombstones(ListTasksQuery f)
    {
        var tombstones = db.TaskTombstones.AsNoTracking();
        if (f.PlanId is { } planId) tombstones = tombstones.Where(t => t.PlanId == planId);
        if (f.Year is { } year) tombstones = tombstones.Where(t => db.Plans.Any(p => p.Id == t.PlanId && p.Year == year));
        if (f.Group is { } group) tombstones = tombstones.Where(t => t.Group == group);
        if (f.Quarter is { } quarter)
        {
            var (from, to) = (quarter * 3 - 2, quarter * 3);
            tombstones = tombstones.Where(t => t.Deadline != null && t.Deadline.Value.Month >= from && t.Deadline.Value.Month <= to);
        }
        if (f.Month is { } month) tombstones = tombstones.Where(t => t.Deadline != null && t.Deadline.Value.Month == month);
        if (f.ChangedSince is { } changedSince)
        {
            var since = changedSince.ToUniversalTime();
            tombstones = tombstones.Where(t => t.DeletedAt > since);
        }
        return tombstones;
    }

    /// <summary>A page of tasks. Filtered by a unit, it is read through the tasks' places (<see cref="ReadPlacedAsync"/>):
    /// the unit's tasks are found by id, in no order of the sort's, so a count and a page in one statement would each
    /// find them again (Sở Nội vụ's page: a third of PostgreSQL's time, README Performance). Otherwise in one statement,
    /// the count riding in it and the page read in the sort's index order, stopping at its end.</summary>
    private async Task<PagedList<TaskFeedItemDto>> ReadPageAsync(IQueryable<TaskRow> rows, bool byUnit, ListTasksQuery request, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        if (byUnit)
            return await ReadPlacedAsync(Places(rows), request, asOf, cancellationToken);
        var (tasks, total) = await rows.SortedAs(request.Sort).ToDtoPageAsync(rows, request, db, asOf, cancellationToken);
        return new PagedList<TaskFeedItemDto>(tasks.Select(TaskFeedItemDto.Of).ToList(), request.Page, request.PageSize, total);
    }

    /// <summary>Under changedSince: the changed tasks and the tombstones, sorted together by their places.</summary>
    private Task<PagedList<TaskFeedItemDto>> ReadChangesAsync(IQueryable<TaskRow> rows, IQueryable<TaskTombstone> tombstones,
        ListTasksQuery request, DateOnly asOf, CancellationToken cancellationToken) =>
        ReadPlacedAsync(Places(rows).Concat(tombstones.Join(db.Plans, t => t.PlanId, p => p.Id, (t, p) => new FeedEntry
        {
            Id = t.TaskId, PlanId = t.PlanId, PlanYear = p.Year, Group = t.Group, Sequence = t.Sequence,
            Deadline = t.Deadline, UpdatedAt = t.DeletedAt, Deleted = true,
        })), request, asOf, cancellationToken);

    private static IQueryable<FeedEntry> Places(IQueryable<TaskRow> rows) => rows.Select(r => new FeedEntry
    {
        Id = r.Task.Id, PlanId = r.Task.PlanId, PlanYear = r.Task.Plan!.Year, Group = r.Task.Group, Sequence = r.Task.Sequence,
        Deadline = r.Task.Deadline, UpdatedAt = r.Task.UpdatedAt, Deleted = false,
    });

    /// <summary>
    /// A page read through its places, in two statements of one snapshot: the places (only what the sort reads) found
    /// once, counted and paged (<see cref="PlacesPage"/>), then the page's tasks whole by id. Tombstones are answered from
    /// their places.
    /// </summary>
    private async Task<PagedList<TaskFeedItemDto>> ReadPlacedAsync(IQueryable<FeedEntry> places, ListTasksQuery request, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        await using var snapshot = await db.BeginSnapshotReadAsync(cancellationToken);
        var read = await db.SqlQueryOver<PlacedRow>(places, m => PlacesPage(m, request.Sort, (request.Page - 1) * request.PageSize, request.PageSize))
            .ToListAsync(cancellationToken);
        var page = read.Where(r => r.Position is not null).OrderBy(r => r.Position).ToList();
        var ids = page.Where(r => r.Deleted == false).Select(r => r.Id!.Value).ToList();
        var tasks = ids.Count == 0 ? [] : (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).WithTimeliness(asOf)
            .ToDtoListAsync(db, asOf, cancellationToken)).ToDictionary(t => t.Id);
        var items = page.ConvertAll(r => r.Deleted == true
            ? TaskFeedItemDto.Tombstone(r.Id!.Value, r.PlanId!.Value, r.PlanYear!.Value, Enum.Parse<PeriodGroup>(r.Group!), r.Sequence!.Value, r.Deadline, r.UpdatedAt!.Value)
            : TaskFeedItemDto.Of(tasks[r.Id!.Value]));
        return new PagedList<TaskFeedItemDto>(items, request.Page, request.PageSize, read[0].Total);
    }

    /// <summary>
    /// The places found once (a materialised CTE: PostgreSQL would otherwise inline it into both its uses and find them
    /// twice), then their count joined with the page's places, numbered in the sort's order: one row with the count and
    /// no place when the page is empty. The page is the sort's top N of the places (<see cref="TaskSorting.PlacesOrder"/>),
    /// numbered again after the LIMIT, so only the page is numbered and no order of a subquery is relied on.
    /// </summary>
    private static FormattableString PlacesPage(SqlSubquery places, string? sort, int skip, int take) => $"""
        WITH m AS MATERIALIZED ({places})
        SELECT c.total, p.*
          FROM (SELECT count(*)::int AS total FROM m) c
          LEFT JOIN (
            SELECT row_number() OVER (ORDER BY {TaskSorting.PlacesOrder(sort)}) AS position, "Id" AS id, "PlanId" AS plan_id,
                   "PlanYear" AS plan_year, "Group" AS "group", "Sequence" AS sequence, "Deadline" AS deadline,
                   "UpdatedAt" AS updated_at, "Deleted" AS deleted
              FROM (SELECT * FROM m ORDER BY {TaskSorting.PlacesOrder(sort)} LIMIT {take} OFFSET {skip}) k) p ON TRUE
        """;

    /// <summary>A row of <see cref="PlacesPage"/>: the count, and a place of the page (none when it is empty). The group
    /// comes as text.</summary>
    private sealed class PlacedRow
    {
        public int Total { get; init; }
        public long? Position { get; init; }
        public Guid? Id { get; init; }
        public Guid? PlanId { get; init; }
        public int? PlanYear { get; init; }
        public string? Group { get; init; }
        public int? Sequence { get; init; }
        public DateOnly? Deadline { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public bool? Deleted { get; init; }
    }

    /// <summary>An item's place in the feed: what the sorts read, for tasks and tombstones alike.</summary>
    private sealed class FeedEntry
    {
        public Guid Id { get; init; }
        public Guid PlanId { get; init; }
        public int PlanYear { get; init; }
        public PeriodGroup Group { get; init; }
        public int Sequence { get; init; }
        public DateOnly? Deadline { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public bool Deleted { get; init; }
    }
}

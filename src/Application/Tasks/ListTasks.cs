using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The task feed the portal polls: tasks across plans with filters, a stable sort and paging. Answers with a strong
/// ETag over what the page depends on; when it equals <see cref="IfNoneMatch"/> the page is not read at all.
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
    int PageSize = Paging.DefaultPageSize) : IRequest<TaskFeedPage>, IPagedQuery, ITaskFilter
{
    public static readonly string[] SortKeys = ["plan", "deadline", "-deadline", "updatedAt", "-updatedAt"];

    /// <summary>The ETag the client already holds (If-None-Match).</summary>
    internal string? IfNoneMatch { get; init; }

    public ListTasksQuery WithIfNoneMatch(string? etag) => this with { IfNoneMatch = etag };
}

/// <summary>A page of the feed with its ETag; <see cref="Page"/> is null when the client's copy is current (304).</summary>
public sealed record TaskFeedPage(string ETag, PagedList<TaskDto>? Page);

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

public sealed class ListTasksHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ListTasksQuery, TaskFeedPage>
{
    public async Task<TaskFeedPage> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var rows = db.Filter(request, asOf);

        // What the page depends on: the matching tasks (count and latest change) and the units they name.
        var state = await rows.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Latest = g.Max(r => (DateTimeOffset?)r.Task.UpdatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var unitsChanged = await db.Units.MaxAsync(u => (DateTimeOffset?)u.UpdatedAt, cancellationToken);
        var etag = ETag(request, asOf, state?.Count ?? 0, state?.Latest, unitsChanged);
        if (request.IfNoneMatch is not null && request.IfNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            return new TaskFeedPage(etag, null);

        var ordered = (request.Sort ?? "plan") switch
        {
            "deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenBy(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
            "-deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenByDescending(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
            "updatedAt" => rows.OrderBy(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
            "-updatedAt" => rows.OrderByDescending(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
            _ => rows.OrderByDescending(r => r.Task.Plan!.Year).ThenBy(r => r.Task.PlanId).ThenBy(r => r.Task.Group)
                .ThenBy(r => r.Task.Sequence).ThenBy(r => r.Task.Id),
        };
        var total = state?.Count ?? 0;
        var items = total == 0 || (long)(request.Page - 1) * request.PageSize >= total
            ? []
            : await ordered.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToDtoListAsync(cancellationToken);
        return new TaskFeedPage(etag, new PagedList<TaskDto>(items, request.Page, request.PageSize, total));
    }

    private static string ETag(ListTasksQuery q, DateOnly asOf, int count, DateTimeOffset? latest, DateTimeOffset? unitsChanged)
    {
        var key = string.Join('|', q with { IfNoneMatch = null }, asOf.ToString("O", CultureInfo.InvariantCulture), count,
            latest?.UtcTicks, unitsChanged?.UtcTicks);
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";
    }
}

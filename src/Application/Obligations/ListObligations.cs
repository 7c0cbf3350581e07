using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>
/// A unit's work list (việc của tôi): the obligations it holds, with filters, a stable sort and paging, answered like
/// the task feed — first the state the page depends on (<see cref="ObligationFeedState"/>, the ETag), then the page
/// only when asked.
/// </summary>
/// <param name="UnitCode">Only this unit's obligations. Required for unit clients, and then only their own unit.</param>
/// <param name="PlanId">Only this plan's tasks.</param>
/// <param name="Year">Only tasks of plans of this year.</param>
/// <param name="Quarter">Only tasks whose deadline falls in this quarter (1–4).</param>
/// <param name="Month">Only tasks whose deadline falls in this month (1–12).</param>
/// <param name="Role">Only obligations held in this role (Lead: chủ trì, Coordinator: phối hợp).</param>
/// <param name="Status">Only obligations whose own progress is this.</param>
/// <param name="Timeliness">Only obligations with this timeliness on asOf (against the unit's own deadline).</param>
/// <param name="State">Active (default) or Withdrawn, or both (state=Active&amp;state=Withdrawn). With changedSince and no
/// state, both: a withdrawal is a change the poller must see.</param>
/// <param name="ChangedSince">Only obligations changed after this instant (reports, reviews, extensions, withdrawals,
/// the unit renamed). Poll with the last item's updatedAt and sort=updatedAt: every change is seen once.</param>
/// <param name="AsOf">The reference date for timeliness; default today in Asia/Ho_Chi_Minh.</param>
/// <param name="Sort">plan (default: year, plan, group, number, unit code), deadline, -deadline, updatedAt, -updatedAt.</param>
public sealed record ListObligationsQuery(
    string? UnitCode = null,
    Guid? PlanId = null,
    int? Year = null,
    int? Quarter = null,
    int? Month = null,
    AssigneeRole? Role = null,
    ProgressStatus? Status = null,
    Timeliness? Timeliness = null,
    ObligationState[]? State = null,
    DateTimeOffset? ChangedSince = null,
    DateOnly? AsOf = null,
    string? Sort = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<Feed<ObligationDto>>, IPagedQuery, IObligationFilter
{
    public static readonly string[] SortKeys = ["plan", "deadline", "-deadline", "updatedAt", "-updatedAt"];
}

/// <summary>
/// What a page of the work list depends on: the request, the reference date, and the latest change of obligations,
/// their tasks (content, deadline, derived status) and units (codes and names) — <see cref="ChangeMarker"/>. Two equal
/// states give the same page.
/// </summary>
public sealed record ObligationFeedState(ListObligationsQuery Query, DateOnly AsOf, ChangeMarker Changes);

public sealed class ListObligationsValidator : AbstractValidator<ListObligationsQuery>
{
    public ListObligationsValidator()
    {
        this.AddPagingRules();
        Include(new ObligationFilterValidator());
        RuleForEach(x => x.State).IsInEnum();
        RuleFor(x => x.Sort).Must(s => s is null || ListObligationsQuery.SortKeys.Contains(s))
            .WithMessage(_ => Localized.Text($"'sort' must be one of: {string.Join(", ", ListObligationsQuery.SortKeys)}.", $"'sort' phải là một trong các giá trị: {string.Join(", ", ListObligationsQuery.SortKeys)}."));
    }
}

public sealed class ListObligationsHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client) : IRequestHandler<ListObligationsQuery, Feed<ObligationDto>>
{
    public async Task<Feed<ObligationDto>> Handle(ListObligationsQuery request, CancellationToken cancellationToken)
    {
        var (changes, unitId) = await db.ReadUnitScopeAndChangesAsync(client, request.UnitCode, required: true, cancellationToken);
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        var states = request.State is { Length: > 0 } asked ? asked
            : request.ChangedSince is null ? [ObligationState.Active] : [ObligationState.Active, ObligationState.Withdrawn];
        var rows = db.Obligations.AsNoTracking().Where(o => states.Contains(o.State)).Filter(request, unitId, asOf);

        var state = new ObligationFeedState(request, asOf, changes);
        return new Feed<ObligationDto>(state, ct => ReadPageAsync(rows, request, ct));
    }

    private static async Task<PagedList<ObligationDto>> ReadPageAsync(IQueryable<ObligationRow> rows, ListObligationsQuery request, CancellationToken cancellationToken)
    {
        var ordered = rows.SortedAs(request.Sort);
        var (items, total) = await ordered.PageOf(request).ToDto().ReadWithTotalAsync(rows, request, cancellationToken);
        return new PagedList<ObligationDto>(items, request.Page, request.PageSize, total);
    }
}

using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>What a scorecard row stands for.</summary>
public enum ObligationScorecardGrouping
{
    /// <summary>One row per unit (đơn vị).</summary>
    Unit,
    /// <summary>One row per kind of unit (sở, xã, phường, …).</summary>
    Kind,
    /// <summary>One row per provincial cluster/bloc (Cụm, Khối thi đua) the unit belongs to in the plan's year; units in
    /// none under the key "none".</summary>
    Cluster,
}

/// <summary>
/// The per-unit scorecard national reports use: the active obligations counted as <see cref="ObligationCountsDto"/>
/// partitions them, per unit, kind or cluster, with the work list's filters; the rows paged, sorted by key.
/// </summary>
public sealed record GetObligationScorecardQuery(
    ObligationScorecardGrouping GroupBy = ObligationScorecardGrouping.Unit,
    string? UnitCode = null,
    Guid? PlanId = null,
    int? Year = null,
    int? Quarter = null,
    int? Month = null,
    AssigneeRole? Role = null,
    ProgressStatus? Status = null,
    Timeliness? Timeliness = null,
    DateTimeOffset? ChangedSince = null,
    DateOnly? AsOf = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<ObligationScorecard>, IPagedQuery, IObligationFilter;

/// <summary>The scorecard: the counts over every matching obligation, and one page of rows.</summary>
/// <param name="Total">The counts over all rows (each obligation once).</param>
/// <param name="TotalCount">Rows over all pages.</param>
/// <param name="NextPage">Relative link to the next page of rows; null on the last page.</param>
public sealed record ObligationScorecardDto(
    ObligationScorecardGrouping GroupBy,
    DateOnly AsOf,
    ObligationCountsDto Total,
    IReadOnlyList<ObligationScorecardRowDto> Items,
    int Page,
    int PageSize,
    int TotalCount,
    string? NextPage);

/// <summary>One row of the scorecard.</summary>
/// <param name="Key">The unit's code, the kind's name, or the cluster's id ("none" for units in no cluster).</param>
/// <param name="Label">The unit's name, the kind in Vietnamese, or the cluster's name and year.</param>
/// <param name="Unit">The unit (groupBy=Unit).</param>
/// <param name="Kind">The unit's kind (groupBy=Unit or Kind).</param>
/// <param name="ClusterId">The cluster (groupBy=Cluster); null on the "none" row.</param>
public sealed record ObligationScorecardRowDto(string Key, string Label, UnitRefDto? Unit, UnitKind? Kind, Guid? ClusterId, ObligationCountsDto Counts);

/// <summary>The state the scorecard depends on (the API's ETag), and the scorecard itself, read only when asked.</summary>
public sealed class ObligationScorecard(object state, Func<CancellationToken, Task<ObligationScorecardDto>> read)
{
    public object State { get; } = state;

    public Task<ObligationScorecardDto> ReadAsync(CancellationToken cancellationToken) => read(cancellationToken);
}

/// <summary>What the scorecard depends on: the request, the reference date, and the latest change of obligations,
/// their tasks (deadlines), units (codes, names, kinds) and clusters (names, members) — <see cref="ChangeMarker"/>.</summary>
public sealed record ObligationScorecardState(GetObligationScorecardQuery Query, DateOnly AsOf, ChangeMarker Changes);

public sealed class GetObligationScorecardValidator : AbstractValidator<GetObligationScorecardQuery>
{
    public GetObligationScorecardValidator()
    {
        this.AddPagingRules();
        Include(new ObligationFilterValidator());
        RuleFor(x => x.GroupBy).IsInEnum();
    }
}

public sealed class GetObligationScorecardHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client)
    : IRequestHandler<GetObligationScorecardQuery, ObligationScorecard>
{
    public const string NoCluster = "none";

    public async Task<ObligationScorecard> Handle(GetObligationScorecardQuery request, CancellationToken cancellationToken)
    {
        var (changes, unitId) = await db.ReadUnitScopeAndChangesAsync(client, request.UnitCode, required: false, cancellationToken);
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        // The counts are of the obligations units hold: withdrawn ones are history, not work. The tally the writers keep
        // answers every filter but the plan and changedSince; those count the obligations themselves.
        var cells = request.PlanId is null && request.ChangedSince is null
            ? db.ObligationCounts.AsNoTracking().Where(c => c.Count != 0).Filter(request, unitId, asOf)
            : db.Obligations.AsNoTracking().Where(o => o.State == ObligationState.Active).Filter(request, unitId, asOf).Tallied()
                .Select(x => new ScorecardCell { UnitId = x.Row.Obligation.UnitId, Year = x.Row.Obligation.Task!.Plan!.Year, Tally = x.Tally, Count = 1 });

        // The ETag comes from the change marker; the scorecard itself is one GROUP BY, read only on a 200.
        var state = new ObligationScorecardState(request, asOf, changes);
        return new ObligationScorecard(state, ct => ReadAsync(cells, request, asOf, ct));
    }

    private async Task<ObligationScorecardDto> ReadAsync(IQueryable<ScorecardCell> cells, GetObligationScorecardQuery request, DateOnly asOf, CancellationToken ct)
    {
        // Every count is made by PostgreSQL, in one statement: the cells summed per unit, year and tally first (a hash
        // aggregate; joined to the units before it, PostgreSQL sorted every cell by the unit's name), then per row key.
        var tallied = cells.GroupBy(x => new { x.UnitId, x.Year, x.Tally })
            .Select(g => new ScorecardCell { UnitId = g.Key.UnitId, Year = g.Key.Year, Tally = g.Key.Tally, Count = g.Sum(x => x.Count) });
        var counted = request.GroupBy switch
        {
            ObligationScorecardGrouping.Kind => (await (
                    from x in tallied
                    join u in db.Units on x.UnitId equals u.Id
                    group x by new { u.Kind, x.Tally } into g
                    select new { g.Key.Kind, g.Key.Tally, Count = g.Sum(x => x.Count) }).ToListAsync(ct))
                .Select(c => (Row: new ObligationScorecardRowDto(c.Kind.ToString(), KindLabel(c.Kind), null, c.Kind, null, ObligationCountsDto.None), c.Tally, c.Count)),
            ObligationScorecardGrouping.Cluster => (await (
                    from x in tallied
                    // Each unit's provincial cluster or bloc of the plan's year (a unit belongs to at most one a year).
                    join m in db.Clusters.Where(c => c.Scope == ClusterScope.Provincial)
                            .SelectMany(c => c.Members, (c, m) => new { m.UnitId, c.Year, ClusterId = c.Id, c.Name })
                        on new { x.UnitId, x.Year } equals new { m.UnitId, m.Year } into ms
                    from m in ms.DefaultIfEmpty()
                    group x by new { ClusterId = (Guid?)m!.ClusterId, m.Name, Year = (int?)m.Year, x.Tally } into g
                    select new { g.Key.ClusterId, g.Key.Name, g.Key.Year, g.Key.Tally, Count = g.Sum(x => x.Count) }).ToListAsync(ct))
                .Select(c => (Row: c.ClusterId is { } id
                    ? new ObligationScorecardRowDto(id.ToString(), $"{c.Name} ({c.Year})", null, null, id, ObligationCountsDto.None)
                    : new ObligationScorecardRowDto(NoCluster, "Không thuộc Cụm, Khối thi đua của tỉnh", null, null, null, ObligationCountsDto.None), c.Tally, c.Count)),
            _ => (await (
                    from x in tallied
                    join u in db.Units on x.UnitId equals u.Id
                    group x by new { x.UnitId, u.Code, u.Name, u.Kind, x.Tally } into g
                    select new { g.Key.UnitId, g.Key.Code, g.Key.Name, g.Key.Kind, g.Key.Tally, Count = g.Sum(x => x.Count) }).ToListAsync(ct))
                .Select(c => (Row: new ObligationScorecardRowDto(c.Code, c.Name, new UnitRefDto(c.UnitId, c.Code, c.Name, c.Kind), c.Kind, null, ObligationCountsDto.None), c.Tally, c.Count)),
        };

        var list = counted.ToList();
        var rows = list.GroupBy(c => c.Row)
            .Select(g => g.Key with { Counts = ObligationCountsDto.From(g.Select(c => (c.Tally, c.Count))) })
            // By key; for clusters, by name (their key is an id), and the units in none last.
            .OrderBy(r => r.Key == NoCluster)
            .ThenBy(r => request.GroupBy == ObligationScorecardGrouping.Cluster ? r.Label : r.Key, StringComparer.Ordinal)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var total = ObligationCountsDto.From(list.Select(c => (c.Tally, c.Count)));
        var page = rows.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        return new ObligationScorecardDto(request.GroupBy, asOf, total, page, request.Page, request.PageSize, rows.Count, null);
    }

    private static string KindLabel(UnitKind kind) => kind switch
    {
        UnitKind.Department => "Sở, ban, ngành",
        UnitKind.Commune => "Xã",
        UnitKind.Ward => "Phường",
        UnitKind.MassOrganization => "Mặt trận, đoàn thể",
        UnitKind.PartyBody => "Cơ quan Đảng",
        UnitKind.Enterprise => "Doanh nghiệp",
        UnitKind.CentralAgency => "Cơ quan Trung ương đóng trên địa bàn",
        UnitKind.Press => "Báo chí",
        UnitKind.Council => "Hội đồng",
        _ => "Khác",
    };
}

/// <summary>What the scorecard groups: a number of obligations of one unit and plan year counted under one tally —
/// one obligation, or one row of the writers' tally (<see cref="ObligationCount"/>).</summary>
public sealed class ScorecardCell
{
    public required Guid UnitId { get; init; }
    public required int Year { get; init; }
    public required ObligationTally Tally { get; init; }
    public required int Count { get; init; }
}

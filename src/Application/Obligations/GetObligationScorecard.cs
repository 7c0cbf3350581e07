using EmulationApi.Application.Common.Export;
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
public sealed class ObligationScorecard(object state, Func<int, int, CancellationToken, Task<ObligationScorecardDto>> readPage, int page, int pageSize)
{
    public object State { get; } = state;

    /// <summary>The page the request asked for.</summary>
    public Task<ObligationScorecardDto> ReadAsync(CancellationToken cancellationToken) => readPage(page, pageSize, cancellationToken);

    /// <summary>Any page of the same scorecard, of any size: the file form reads every row this way, a page at a time
    /// (<see cref="ExportObligationScorecard"/>).</summary>
    public Task<ObligationScorecardDto> ReadPageAsync(int page, int pageSize, CancellationToken cancellationToken) => readPage(page, pageSize, cancellationToken);
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
        return new ObligationScorecard(state, (page, size, ct) => ReadAsync(cells, request with { Page = page, PageSize = size }, asOf, ct), request.Page, request.PageSize);
    }

    private async Task<ObligationScorecardDto> ReadAsync(IQueryable<ScorecardCell> cells, GetObligationScorecardQuery request, DateOnly asOf, CancellationToken ct)
    {
        // PostgreSQL counts and pages: the cells summed per unit, year and tally first (a hash aggregate; joined to the
        // units before it, PostgreSQL sorted every cell by the unit's name), then one row per key with its nine counts.
        // Two statements, each a few hundred kilobytes of the tally read in a hash aggregate: the totals and the row
        // count, then only the page's rows (none read past the last page). Reading every key's counts to page them here
        // held ~8,000 rows per request: 348 MB at 64 concurrent requests (README → Performance).
        var tallied = cells.GroupBy(x => new { x.UnitId, x.Year, x.Tally })
            .Select(g => new ScorecardCell { UnitId = g.Key.UnitId, Year = g.Key.Year, Tally = g.Key.Tally, Count = g.Sum(x => x.Count) });
        var rows = Summed(request.GroupBy switch
        {
            ObligationScorecardGrouping.Kind =>
                from x in tallied
                join u in db.Units on x.UnitId equals u.Id
                select new KeyedCell { UnitId = null, Code = null, Name = null, Kind = u.Kind, ClusterId = null, ClusterName = null, ClusterYear = null, Tally = x.Tally, Count = x.Count },
            ObligationScorecardGrouping.Cluster =>
                from x in tallied
                // Each unit's provincial cluster or bloc of the plan's year (a unit belongs to at most one a year).
                join m in db.Clusters.Where(c => c.Scope == ClusterScope.Provincial)
                        .SelectMany(c => c.Members, (c, m) => new { m.UnitId, c.Year, ClusterId = c.Id, c.Name })
                    on new { x.UnitId, x.Year } equals new { m.UnitId, m.Year } into ms
                from m in ms.DefaultIfEmpty()
                select new KeyedCell
                {
                    UnitId = null, Code = null, Name = null, Kind = null, ClusterId = (Guid?)m!.ClusterId, ClusterName = m.Name, ClusterYear = (int?)m.Year,
                    Tally = x.Tally, Count = x.Count,
                },
            _ =>
                from x in tallied
                join u in db.Units on x.UnitId equals u.Id
                select new KeyedCell
                {
                    UnitId = u.Id, Code = u.Code, Name = u.Name, Kind = u.Kind, ClusterId = null, ClusterName = null, ClusterYear = null,
                    Tally = x.Tally, Count = x.Count,
                },
        });

        var all = await rows.GroupBy(r => 1)
            .Select(g => new { Rows = g.Count(), Counts = new ScorecardSums { Total = g.Sum(r => r.Total), WithinDeadline = g.Sum(r => r.WithinDeadline),
                DueSoon = g.Sum(r => r.DueSoon), Overdue = g.Sum(r => r.Overdue), DoneOnTime = g.Sum(r => r.DoneOnTime), DoneLate = g.Sum(r => r.DoneLate),
                NoDeadline = g.Sum(r => r.NoDeadline), AroseLate = g.Sum(r => r.AroseLate), Exempted = g.Sum(r => r.Exempted) } })
            .SingleOrDefaultAsync(ct);
        var (rowCount, total) = all is null ? (0, ObligationCountsDto.None) : (all.Rows, all.Counts.ToDto());
        var skip = (request.Page - 1) * request.PageSize;
        List<ScorecardSums> page = skip >= rowCount ? [] : await Sorted(rows, request.GroupBy).Skip(skip).Take(request.PageSize).ToListAsync(ct);
        var items = page.Select(r => ToRow(r, request.GroupBy)).ToList();
        return new ObligationScorecardDto(request.GroupBy, asOf, total, items, request.Page, request.PageSize, rowCount, null);
    }

    /// <summary>One row per key: the cells of a unit, a kind or a cluster (the keys the grouping leaves null are null
    /// in every cell) summed per tally.</summary>
    private static IQueryable<ScorecardSums> Summed(IQueryable<KeyedCell> cells) =>
        cells.GroupBy(c => new { c.UnitId, c.Code, c.Name, c.Kind, c.ClusterId, c.ClusterName, c.ClusterYear })
            .Select(g => new ScorecardSums
            {
                UnitId = g.Key.UnitId, Code = g.Key.Code, Name = g.Key.Name, Kind = g.Key.Kind,
                ClusterId = g.Key.ClusterId, ClusterName = g.Key.ClusterName, ClusterYear = g.Key.ClusterYear,
                Total = g.Sum(c => c.Count),
                WithinDeadline = g.Sum(c => c.Tally == ObligationTally.WithinDeadline ? c.Count : 0),
                DueSoon = g.Sum(c => c.Tally == ObligationTally.DueSoon ? c.Count : 0),
                Overdue = g.Sum(c => c.Tally == ObligationTally.Overdue ? c.Count : 0),
                DoneOnTime = g.Sum(c => c.Tally == ObligationTally.DoneOnTime ? c.Count : 0),
                DoneLate = g.Sum(c => c.Tally == ObligationTally.DoneLate ? c.Count : 0),
                NoDeadline = g.Sum(c => c.Tally == ObligationTally.NoDeadline ? c.Count : 0),
                AroseLate = g.Sum(c => c.Tally == ObligationTally.AroseLate ? c.Count : 0),
                Exempted = g.Sum(c => c.Tally == ObligationTally.Exempted ? c.Count : 0),
            });

    /// <summary>The rows by key, as the database compares them (unit codes and kind names are ASCII); clusters by name —
    /// their label; their key is an id — in the Vietnamese collation unit and cluster names sort with, then year and id,
    /// the units in none last.</summary>
    private static IOrderedQueryable<ScorecardSums> Sorted(IQueryable<ScorecardSums> rows, ObligationScorecardGrouping groupBy) => groupBy switch
    {
        ObligationScorecardGrouping.Kind => rows.OrderBy(r => r.Kind),
        ObligationScorecardGrouping.Cluster => rows.OrderBy(r => r.ClusterId == null).ThenBy(r => r.ClusterName).ThenBy(r => r.ClusterYear).ThenBy(r => r.ClusterId),
        _ => rows.OrderBy(r => r.Code),
    };

    private static ObligationScorecardRowDto ToRow(ScorecardSums r, ObligationScorecardGrouping groupBy) => groupBy switch
    {
        ObligationScorecardGrouping.Kind => new(r.Kind!.Value.ToString(), Labels.Of(r.Kind.Value), null, r.Kind, null, r.ToDto()),
        ObligationScorecardGrouping.Cluster => r.ClusterId is { } id
            ? new(id.ToString(), $"{r.ClusterName} ({r.ClusterYear})", null, null, id, r.ToDto())
            : new(NoCluster, "Không thuộc Cụm, Khối thi đua của tỉnh", null, null, null, r.ToDto()),
        _ => new(r.Code!, r.Name!, new UnitRefDto(r.UnitId!.Value, r.Code!, r.Name!, r.Kind!.Value), r.Kind, null, r.ToDto()),
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

/// <summary>A scorecard cell under the key of its row: the unit, the kind, or the cluster (null: none); the rest null,
/// set so (EF Core reads every member of the projection).</summary>
internal sealed class KeyedCell
{
    public required Guid? UnitId { get; init; }
    public required string? Code { get; init; }
    public required string? Name { get; init; }
    public required UnitKind? Kind { get; init; }
    public required Guid? ClusterId { get; init; }
    public required string? ClusterName { get; init; }
    public required int? ClusterYear { get; init; }
    public required ObligationTally Tally { get; init; }
    public required int Count { get; init; }
}

/// <summary>One scorecard row as PostgreSQL sums it: its key and its nine counts.</summary>
internal sealed class ScorecardSums
{
    public Guid? UnitId { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public UnitKind? Kind { get; init; }
    public Guid? ClusterId { get; init; }
    public string? ClusterName { get; init; }
    public int? ClusterYear { get; init; }
    public int Total { get; init; }
    public int WithinDeadline { get; init; }
    public int DueSoon { get; init; }
    public int Overdue { get; init; }
    public int DoneOnTime { get; init; }
    public int DoneLate { get; init; }
    public int NoDeadline { get; init; }
    public int AroseLate { get; init; }
    public int Exempted { get; init; }

    public ObligationCountsDto ToDto() => new(Total, WithinDeadline, DueSoon, Overdue, DoneOnTime, DoneLate, NoDeadline, AroseLate, Exempted);
}

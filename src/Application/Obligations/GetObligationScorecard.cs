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
        var skip = (request.Page - 1) * request.PageSize;
        var read = await db.SqlQueryOver<ScorecardPage>(PerUnit(cells), counts => Paged(Keyed(request.GroupBy, counts), skip, request.PageSize)).ToListAsync(ct);
        var all = read.Single(r => r.Position == 0);
        var items = read.Where(r => r.Position != 0).Select(r => ToRow(r, request.GroupBy)).ToList();
        return new ObligationScorecardDto(request.GroupBy, asOf, all.ToDto(), items, request.Page, request.PageSize, all.Rows!.Value, null);
    }

    /// <summary>The nine counts per unit and plan year, in LINQ (the filters and the tally rule have one copy): the cells
    /// summed per unit, year and tally first (a hash aggregate of the tally's rows into a few thousand), then each tally
    /// into its count.</summary>
    private static IQueryable<UnitYearCounts> PerUnit(IQueryable<ScorecardCell> cells) =>
        cells.GroupBy(x => new { x.UnitId, x.Year, x.Tally })
            .Select(g => new ScorecardCell { UnitId = g.Key.UnitId, Year = g.Key.Year, Tally = g.Key.Tally, Count = g.Sum(x => x.Count) })
            .GroupBy(c => new { c.UnitId, c.Year })
            .Select(g => new UnitYearCounts
            {
                UnitId = g.Key.UnitId, Year = g.Key.Year,
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

    /// <summary>
    /// One row per key — a unit, a kind, or a unit's provincial cluster or bloc of the plan's year (a unit belongs to at
    /// most one a year; the units in none under a null key) — with its counts summed and its position in key order, as
    /// the database compares them: unit codes and kind names (ASCII); clusters by name (their label; their key is an id)
    /// in the Vietnamese collation unit and cluster names sort with, then year and id, the units in none last. The
    /// counts' columns are named after <see cref="UnitYearCounts"/>' members, as EF Core writes them.
    /// </summary>
    private static FormattableString Keyed(ObligationScorecardGrouping groupBy, SqlSubquery counts) => groupBy switch
    {
        ObligationScorecardGrouping.Kind => $"""
            SELECT row_number() OVER (ORDER BY u.kind) AS position, NULL::uuid AS unit_id, NULL::varchar AS code, NULL::varchar AS name,
                   u.kind, NULL::uuid AS cluster_id, NULL::varchar AS cluster_name, NULL::int AS cluster_year, {Sums}
              FROM ({counts}) c JOIN units u ON u.id = c."UnitId"
             GROUP BY u.kind
            """,
        ObligationScorecardGrouping.Cluster => $"""
            SELECT row_number() OVER (ORDER BY m.id IS NULL, m.name, m.year, m.id) AS position, NULL::uuid AS unit_id, NULL::varchar AS code,
                   NULL::varchar AS name, NULL::varchar AS kind, m.id AS cluster_id, m.name AS cluster_name, m.year AS cluster_year, {Sums}
              FROM ({counts}) c
              LEFT JOIN (SELECT cm.unit_id, k.id, k.name, k.year FROM clusters k JOIN cluster_members cm ON cm.cluster_id = k.id
                          WHERE k.scope = {nameof(ClusterScope.Provincial)}) m ON m.unit_id = c."UnitId" AND m.year = c."Year"
             GROUP BY m.id, m.name, m.year
            """,
        _ => $"""
            SELECT row_number() OVER (ORDER BY u.code) AS position, u.id AS unit_id, u.code, u.name, u.kind,
                   NULL::uuid AS cluster_id, NULL::varchar AS cluster_name, NULL::int AS cluster_year, {Sums}
              FROM ({counts}) c JOIN units u ON u.id = c."UnitId"
             GROUP BY u.id
            """,
    };

    private static readonly FormattableString Sums = $"""
        sum(c."Total")::int AS total, sum(c."WithinDeadline")::int AS within_deadline, sum(c."DueSoon")::int AS due_soon,
        sum(c."Overdue")::int AS overdue, sum(c."DoneOnTime")::int AS done_on_time, sum(c."DoneLate")::int AS done_late,
        sum(c."NoDeadline")::int AS no_deadline, sum(c."AroseLate")::int AS arose_late, sum(c."Exempted")::int AS exempted
        """;

    /// <summary>
    /// The scorecard in one statement, one pass over the tally (issue 15): the keyed rows once (a CTE, materialised as it
    /// is read twice), then the totals and the row count (position 0, always there: an aggregate without GROUP BY answers
    /// one row, zeros when nothing matched) and the page's rows. Two statements, each its own hash aggregate of the year's
    /// ~57,000 tally rows, cost PostgreSQL twice this; LINQ has no CTE and no window function.
    /// </summary>
    private static FormattableString Paged(FormattableString keyed, int skip, int take) => $"""
        WITH r AS ({keyed})
        SELECT 0::bigint AS position, count(*)::int AS rows, NULL::uuid AS unit_id, NULL::varchar AS code, NULL::varchar AS name,
               NULL::varchar AS kind, NULL::uuid AS cluster_id, NULL::varchar AS cluster_name, NULL::int AS cluster_year,
               coalesce(sum(r.total), 0)::int AS total, coalesce(sum(r.within_deadline), 0)::int AS within_deadline,
               coalesce(sum(r.due_soon), 0)::int AS due_soon, coalesce(sum(r.overdue), 0)::int AS overdue,
               coalesce(sum(r.done_on_time), 0)::int AS done_on_time, coalesce(sum(r.done_late), 0)::int AS done_late,
               coalesce(sum(r.no_deadline), 0)::int AS no_deadline, coalesce(sum(r.arose_late), 0)::int AS arose_late,
               coalesce(sum(r.exempted), 0)::int AS exempted
          FROM r
        UNION ALL
        SELECT r.position, NULL, r.unit_id, r.code, r.name, r.kind, r.cluster_id, r.cluster_name, r.cluster_year, r.total, r.within_deadline,
               r.due_soon, r.overdue, r.done_on_time, r.done_late, r.no_deadline, r.arose_late, r.exempted
          FROM r
         WHERE r.position > {skip} AND r.position <= {skip + take}
        ORDER BY position
        """;

    private static ObligationScorecardRowDto ToRow(ScorecardPage r, ObligationScorecardGrouping groupBy) => (groupBy, r.KindValue()) switch
    {
        (ObligationScorecardGrouping.Kind, var kind) => new(kind!.Value.ToString(), Labels.Of(kind.Value), null, kind, null, r.ToDto()),
        (ObligationScorecardGrouping.Cluster, _) => r.ClusterId is { } id
            ? new(id.ToString(), $"{r.ClusterName} ({r.ClusterYear})", null, null, id, r.ToDto())
            : new(NoCluster, "Không thuộc Cụm, Khối thi đua của tỉnh", null, null, null, r.ToDto()),
        (_, var kind) => new(r.Code!, r.Name!, new UnitRefDto(r.UnitId!.Value, r.Code!, r.Name!, kind!.Value), kind, null, r.ToDto()),
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

/// <summary>The nine counts of one unit and plan year, as PostgreSQL sums them for the scorecard's statement.</summary>
internal sealed class UnitYearCounts
{
    public required Guid UnitId { get; init; }
    public required int Year { get; init; }
    public required int Total { get; init; }
    public required int WithinDeadline { get; init; }
    public required int DueSoon { get; init; }
    public required int Overdue { get; init; }
    public required int DoneOnTime { get; init; }
    public required int DoneLate { get; init; }
    public required int NoDeadline { get; init; }
    public required int AroseLate { get; init; }
    public required int Exempted { get; init; }
}

/// <summary>A row of the scorecard's one statement: the totals and the row count (position 0), or a row of the page
/// (from 1, in key order). The kind is read as text: a raw query maps no enum conversion.</summary>
internal sealed class ScorecardPage
{
    public long Position { get; init; }
    public int? Rows { get; init; }
    public Guid? UnitId { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
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

    /// <summary>The unit's kind (read as text by the raw query).</summary>
    public UnitKind? KindValue() => Kind is null ? null : Enum.Parse<UnitKind>(Kind);

    public ObligationCountsDto ToDto() => new(Total, WithinDeadline, DueSoon, Overdue, DoneOnTime, DoneLate, NoDeadline, AroseLate, Exempted);
}

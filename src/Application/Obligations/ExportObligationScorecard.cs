using System.Runtime.CompilerServices;
using EmulationApi.Application.Common.Export;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Obligations;

/// <summary>
/// The scorecard as a file (CSV or Excel): every row of <see cref="GetObligationScorecardQuery"/> — same filters, same
/// grouping, same order — and the total last, no paging. The rows come from the scorecard's own query
/// (<see cref="ObligationScorecard.ReadPageAsync"/>), <see cref="PageSize"/> rows per read, so a province's units come in
/// one read and memory stays bounded by one read whatever their number. The ETag source is the JSON's
/// (<see cref="ObligationScorecard.State"/>), made of the query with its paging left at the defaults.
/// </summary>
public static class ExportObligationScorecard
{
    /// <summary>Rows read at a time.</summary>
    public const int PageSize = 1000;

    /// <summary>The columns, counts in the order of <see cref="ObligationCountsDto"/>.</summary>
    public static readonly IReadOnlyList<Column<ObligationScorecardRowDto>> Columns =
    [
        new("Mã", r => r.Key),
        new("Tên", r => r.Label),
        new("Loại đơn vị", r => r.Kind),
        new("Tổng số", r => r.Counts.Total),
        new(Labels.Of(Timeliness.WithinDeadline), r => r.Counts.WithinDeadline),
        new(Labels.Of(Timeliness.DueSoon), r => r.Counts.DueSoon),
        new(Labels.Of(Timeliness.Overdue), r => r.Counts.Overdue),
        new(Labels.Of(Timeliness.DoneOnTime), r => r.Counts.DoneOnTime),
        new(Labels.Of(Timeliness.DoneLate), r => r.Counts.DoneLate),
        new(Labels.Of(Timeliness.NoDeadline), r => r.Counts.NoDeadline),
        new("Phát sinh sau hạn", r => r.Counts.AroseLate),
        new("Được miễn", r => r.Counts.Exempted),
    ];

    /// <summary>The file of a scorecard read with page 1 and the default page size (its state is then the same
    /// whatever paging the request named): <c>tong-hop-nghia-vu-unit</c>, <c>-kind</c> or <c>-cluster</c>.</summary>
    public static Table Of(ObligationScorecard scorecard, ObligationScorecardGrouping groupBy) =>
        Table.Of($"tong-hop-nghia-vu-{groupBy}".ToLowerInvariant(), scorecard.State, Columns, Rows(scorecard));

    private static async IAsyncEnumerable<ObligationScorecardRowDto> Rows(ObligationScorecard scorecard,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObligationCountsDto? total = null;
        for (var page = 1; ; page++)
        {
            var card = await scorecard.ReadPageAsync(page, PageSize, cancellationToken).ConfigureAwait(false);
            total ??= card.Total;
            foreach (var row in card.Items) yield return row;
            if ((long)page * PageSize >= card.TotalCount) break;
        }
        yield return new ObligationScorecardRowDto(Labels.TotalKey, Labels.TotalLabel, null, null, null, total);
    }
}

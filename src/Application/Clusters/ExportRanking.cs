using EmulationApi.Application.Common.Export;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// A cluster's ranking as a file (CSV or Excel): one row per member in the ranking's order, with whether it is the unit
/// proposed for the Cờ thi đua — built from the answer (<see cref="GetRankingQuery"/>), whose digest is the ETag of both forms.
/// </summary>
public static class ExportRanking
{
    public static readonly IReadOnlyList<Column<RankingFileRow>> Columns =
    [
        new("Hạng", r => r.Row.Rank),
        new("Mã đơn vị", r => r.Row.Unit.Code),
        new("Tên đơn vị", r => r.Row.Unit.Name),
        new("Loại đơn vị", r => r.Row.Unit.Kind),
        new("Tổng điểm", r => r.Row.Total),
        new("Điểm chuẩn", r => r.Row.Standard),
        new("Điểm thưởng", r => r.Row.Bonus),
        new("Điểm trừ", r => r.Row.Penalty),
        new("Số tiêu chí đã chấm", r => r.Row.ScoredCriteria),
        new("Tiêu chí chưa chấm", r => string.Join("; ", r.Row.MissingCriteria.Select(c => c.Code))),
        new("Đã ký giao ước", r => r.Row.Signed),
        new("Bằng tổng điểm với", r => string.Join("; ", r.Row.TiedWith)),
        new("Phân định thứ hạng", r => r.Row.Explanation),
        new("Đề nghị tặng Cờ thi đua", r => r.Proposed),
    ];

    /// <summary>The file: <c>xep-hang</c>.</summary>
    public static Table Of(RankingDto ranking) =>
        Table.Of("xep-hang", ranking, Columns,
            ranking.Rows.Select(r => new RankingFileRow(r, ranking.FlagProposal.Unit?.Id == r.Unit.Id)));
}

/// <summary>A member's row of the ranking and whether it is the unit proposed for the emulation flag.</summary>
public sealed record RankingFileRow(RankingRowDto Row, bool Proposed);

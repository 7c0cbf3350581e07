using EmulationApi.Application.Common.Export;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The task summary as a file (CSV or Excel): its groups in its order and the total last — a few rows, built from the
/// answer (<see cref="GetTaskSummaryQuery"/>: same filters and grouping), whose digest is the ETag of both forms.
/// </summary>
public static class ExportTaskSummary
{
    /// <summary>The columns: the group, then the counts by status and by timeliness, headed by their labels.</summary>
    public static readonly IReadOnlyList<Column<TaskSummaryGroupDto>> Columns =
    [
        new("Mã", g => g.Key),
        new("Tên", g => g.Label),
        new("Tổng số", g => g.Counts.Total),
        new(Labels.Of(TaskProgress.NotStarted), g => g.Counts.NotStarted),
        new(Labels.Of(TaskProgress.InProgress), g => g.Counts.InProgress),
        new(Labels.Of(TaskProgress.Done), g => g.Counts.Done),
        new(Labels.Of(TaskProgress.NotCarriedOut), g => g.Counts.NotCarriedOut),
        new(Labels.Of(TaskProgress.Unassigned), g => g.Counts.Unassigned),
        new(Labels.Of(TaskProgress.Cancelled), g => g.Counts.Cancelled),
        new(Labels.Of(Timeliness.WithinDeadline), g => g.Counts.WithinDeadline),
        new(Labels.Of(Timeliness.DueSoon), g => g.Counts.DueSoon),
        new(Labels.Of(Timeliness.Overdue), g => g.Counts.Overdue),
        new(Labels.Of(Timeliness.DoneOnTime), g => g.Counts.DoneOnTime),
        new(Labels.Of(Timeliness.DoneLate), g => g.Counts.DoneLate),
        new(Labels.Of(Timeliness.NoDeadline), g => g.Counts.NoDeadline),
    ];

    /// <summary>The file: <c>tong-hop-nhiem-vu-leadunit</c>, <c>-quarter</c> or <c>-plan</c>.</summary>
    public static Table Of(TaskSummaryDto summary) =>
        Table.Of($"tong-hop-nhiem-vu-{summary.GroupBy}".ToLowerInvariant(), summary, Columns,
            summary.Groups.Append(new TaskSummaryGroupDto(Labels.TotalKey, Labels.TotalLabel, summary.Total)));
}

using EmulationApi.Application.Common.Export;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The task feed as a file (CSV or Excel): every task the feed's filters match, in the feed's sort, no paging. The rows
/// stream from PostgreSQL's reader to the response. Under changedSince the tasks changed after it, without the
/// tombstones of deleted ones (a spreadsheet lists tasks; pollers use the JSON feed).
/// </summary>
public sealed record ExportTasksQuery(ListTasksQuery Filter) : IRequest<Table>;

/// <summary>The feed's rules for its filters and sort, failures named as the feed names them; paging is not read.</summary>
public sealed class ExportTasksValidator : AbstractValidator<ExportTasksQuery>
{
    private static readonly ListTasksValidator Feed = new();

    public ExportTasksValidator() =>
        RuleFor(x => x.Filter).Custom((filter, context) =>
        {
            foreach (var failure in Feed.Validate(filter with { Page = 1, PageSize = PagingRules.DefaultPageSize }).Errors) context.AddFailure(failure);
        });
}

public sealed class ExportTasksHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ExportTasksQuery, Table>
{
    /// <summary>The columns, headed as the province's plans head them.</summary>
    public static readonly IReadOnlyList<Column<TaskExportRow>> Columns =
    [
        new("Năm", r => r.PlanYear),
        new("Nhóm", r => r.Group),
        new("STT", r => r.Sequence),
        new("Nội dung nhiệm vụ", r => r.Content),
        new("Thời gian thực hiện", r => r.TimingText),
        new("Hạn hoàn thành", r => r.Deadline),
        new("Đơn vị chủ trì", r => r.LeadText),
        new("Đơn vị phối hợp", r => r.CoordinatorText),
        new("Trạng thái", r => r.Status),
        new("Tiến độ so với hạn", r => r.Timeliness),
        new("Ngày hoàn thành", r => r.CompletedOn),
        new("Ngày báo cáo gần nhất", r => r.LastReportedOn),
        new("Số báo cáo", r => r.ReportCount),
        new("Cập nhật lúc", r => r.UpdatedAt),
        new("Mã nhiệm vụ", r => r.Id),
    ];

    public async Task<Table> Handle(ExportTasksQuery request, CancellationToken cancellationToken)
    {
        var filter = request.Filter with { Page = 1, PageSize = PagingRules.DefaultPageSize };
        var asOf = filter.AsOf ?? TaskQueries.Today(clock);
        var rows = await db.FilterAsync(filter, asOf, cancellationToken);
        // The same state as the feed's (filters, reference date, change marker), paging aside: its ETag source.
        var state = new TaskFeedState(filter, asOf, await db.ReadChangeMarkerAsync(cancellationToken));
        var read = rows.SortedAs(filter.Sort).Select(r => new TaskExportRow(
            r.Task.Id, r.Task.Plan!.Year, r.Task.Group, r.Task.Sequence, r.Task.Content, r.Task.TimingText, r.Task.Deadline,
            r.Task.LeadText, r.Task.CoordinatorText, r.Task.Status, r.Timeliness, r.Task.CompletedOn, r.Task.LastReportedOn,
            r.Task.ReportCount, r.Task.UpdatedAt));
        return Table.Of("nhiem-vu", state, Columns, read.AsAsyncEnumerable());
    }
}

/// <summary>A task as one line of the export: its own columns and its timeliness, nothing joined per row but the plan.</summary>
public sealed record TaskExportRow(
    Guid Id, int PlanYear, PeriodGroup Group, int Sequence, string Content, string? TimingText, DateOnly? Deadline,
    string? LeadText, string? CoordinatorText, TaskProgress Status, Timeliness Timeliness, DateOnly? CompletedOn,
    DateOnly? LastReportedOn, int ReportCount, DateTimeOffset UpdatedAt);

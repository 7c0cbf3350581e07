using EmulationApi.Application.Common.Export;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Obligations;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>
/// A unit's work list as a file (CSV or Excel): every obligation the list's filters match, in its sort, no paging,
/// streamed from the database; the same unit scope (a unit client reads only its own unit) and the same ETag source.
/// </summary>
public sealed record ExportObligationsQuery(ListObligationsQuery Filter) : IRequest<Table>;

/// <summary>The list's rules for its filters and sort, failures named as the list names them; paging is not read.</summary>
public sealed class ExportObligationsValidator : AbstractValidator<ExportObligationsQuery>
{
    private static readonly ListObligationsValidator List = new();

    public ExportObligationsValidator() =>
        RuleFor(x => x.Filter).Custom((filter, context) =>
        {
            foreach (var failure in List.Validate(filter with { Page = 1, PageSize = PagingRules.DefaultPageSize }).Errors) context.AddFailure(failure);
        });
}

public sealed class ExportObligationsHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client) : IRequestHandler<ExportObligationsQuery, Table>
{
    public static readonly IReadOnlyList<Column<ObligationDto>> Columns =
    [
        new("Năm", o => o.PlanYear),
        new("Nhóm", o => o.Group),
        new("STT", o => o.Sequence),
        new("Nội dung nhiệm vụ", o => o.TaskContent),
        new("Mã đơn vị", o => o.Unit.Code),
        new("Tên đơn vị", o => o.Unit.Name),
        new("Vai trò", o => o.Role),
        new("Trạng thái", o => o.Status),
        new("Tiến độ so với hạn", o => o.Timeliness),
        new("Hạn hoàn thành", o => o.Deadline),
        new("Hạn của nhiệm vụ", o => o.TaskDeadline),
        new("Lý do gia hạn", o => o.ExtensionReason),
        new("Được miễn", o => o.Exempted),
        new("Ngày hoàn thành", o => o.CompletedOn),
        new("Xác nhận hoàn thành", o => o.Review),
        new("Ngày báo cáo gần nhất", o => o.LastReportedOn),
        new("Số báo cáo", o => o.ReportCount),
        new("Tình trạng", o => o.State),
        new("Cập nhật lúc", o => o.UpdatedAt),
        new("Mã nghĩa vụ", o => o.Id),
    ];

    public async Task<Table> Handle(ExportObligationsQuery request, CancellationToken cancellationToken)
    {
        var filter = request.Filter with { Page = 1, PageSize = PagingRules.DefaultPageSize };
        var (changes, unitId) = await db.ReadUnitScopeAndChangesAsync(client, filter.UnitCode, required: true, cancellationToken);
        var asOf = filter.AsOf ?? TaskQueries.Today(clock);
        var states = filter.State is { Length: > 0 } asked ? asked
            : filter.ChangedSince is null ? [ObligationState.Active] : [ObligationState.Active, ObligationState.Withdrawn];
        var rows = db.Obligations.AsNoTracking().Where(o => states.Contains(o.State)).Filter(filter, unitId, asOf);
        // The same state as the list's (filters, reference date, change marker), paging aside: its ETag source.
        var state = new ObligationFeedState(filter, asOf, changes);
        return Table.Of("nghia-vu", state, Columns, rows.SortedAs(filter.Sort).ToDto().AsAsyncEnumerable());
    }
}

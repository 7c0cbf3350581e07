using EmulationApi.Application.Common.Export;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>The unit list as a file (CSV or Excel): every unit the list's filters match, in its sort, no paging,
/// streamed from the database. Like the JSON list, it has no ETag.</summary>
public sealed record ExportUnitsQuery(ListUnitsQuery Filter) : IRequest<Table>;

/// <summary>The list's rules for its filters and sort, failures named as the list names them; paging is not read.</summary>
public sealed class ExportUnitsValidator : AbstractValidator<ExportUnitsQuery>
{
    private static readonly ListUnitsValidator List = new();

    public ExportUnitsValidator() =>
        RuleFor(x => x.Filter).Custom((filter, context) =>
        {
            foreach (var failure in List.Validate(filter with { Page = 1, PageSize = PagingRules.DefaultPageSize }).Errors) context.AddFailure(failure);
        });
}

public sealed class ExportUnitsHandler(IAppDbContext db) : IRequestHandler<ExportUnitsQuery, Table>
{
    public static readonly IReadOnlyList<Column<UnitDto>> Columns =
    [
        new("Mã đơn vị", u => u.Code),
        new("Tên đơn vị", u => u.Name),
        new("Tên viết tắt", u => u.ShortName),
        new("Loại đơn vị", u => u.Kind),
        new("Mã đơn vị cấp trên", u => u.ParentCode),
        new("Mã liên thông văn bản", u => u.DocumentExchangeId),
        new("Tên gọi khác", u => string.Join("; ", u.Aliases)),
        new("Đang hoạt động", u => u.IsActive),
        new("Mã đơn vị kế thừa", u => u.SuccessorCode),
        new("Ngày sáp nhập", u => u.MergedOn),
        new("Cập nhật lúc", u => u.UpdatedAt),
    ];

    public Task<Table> Handle(ExportUnitsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(Table.Of("don-vi", null, Columns,
            db.Units.AsNoTracking().ListedAs(request.Filter).ProjectToType<UnitDto>().AsAsyncEnumerable()));
}

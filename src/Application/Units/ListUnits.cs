using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Units;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>List units with filters, a diacritic-insensitive search and a stable sort.</summary>
/// <param name="Q">Search in name, short name and aliases, ignoring case and Vietnamese diacritics ("so noi vu" finds "Sở Nội vụ").</param>
/// <param name="Sort">One of <c>name</c>, <c>code</c>, <c>createdAt</c>, <c>updatedAt</c>; prefix <c>-</c> for descending.</param>
public sealed record ListUnitsQuery(
    UnitKind? Kind = null,
    string? ParentCode = null,
    bool? Active = null,
    string? Q = null,
    string? Sort = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<UnitDto>>, IPagedQuery
{
    public static readonly string[] SortKeys = ["name", "-name", "code", "-code", "createdAt", "-createdAt", "updatedAt", "-updatedAt"];
}

public sealed class ListUnitsValidator : AbstractValidator<ListUnitsQuery>
{
    public ListUnitsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.ParentCode).OptionalUnitCode();
        RuleFor(x => x.Sort).Must(s => s is null || ListUnitsQuery.SortKeys.Contains(s))
            .WithMessage(_ => Domain.Common.Localized.Text(
                $"'Sort' must be one of: {string.Join(", ", ListUnitsQuery.SortKeys)}.",
                $"'Sort' phải là một trong các giá trị: {string.Join(", ", ListUnitsQuery.SortKeys)}."));
    }
}

public sealed class ListUnitsHandler(IAppDbContext db) : IRequestHandler<ListUnitsQuery, PagedList<UnitDto>>
{
    public Task<PagedList<UnitDto>> Handle(ListUnitsQuery request, CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().ListedAs(request).ProjectToType<UnitDto>().ToPagedListAsync(request, cancellationToken);
}

public static class UnitListing
{
    /// <summary>The list's filters and sort, ties broken by id: the JSON list's page and the export read the same rows.</summary>
    public static IOrderedQueryable<Unit> ListedAs(this IQueryable<Unit> units, ListUnitsQuery request)
    {
        if (request.Kind is { } kind) units = units.Where(u => u.Kind == kind);
        if (request.Active is { } active) units = units.Where(u => u.IsActive == active);
        if (!string.IsNullOrWhiteSpace(request.ParentCode))
        {
            var parent = UnitCodeLookup.Key(request.ParentCode);
            #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower(); neither ToLowerInvariant() nor the CultureInfo overload translates
            units = units.Where(u => u.Parent != null && u.Parent.Code.ToLower() == parent);
            #pragma warning restore MA0011
        }
        if (Domain.Common.Text.Clean(request.Q) is { } q)
            units = units.Where(u => EF.Property<string>(u, Sql.SearchTextColumn).Contains(Sql.SearchKey(q)));

        return (request.Sort ?? "name") switch
        {
            "-name" => units.OrderByDescending(u => u.Name).ThenBy(u => u.Id),
            #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower(); neither ToLowerInvariant() nor the CultureInfo overload translates
            "code" => units.OrderBy(u => u.Code.ToLower()).ThenBy(u => u.Id),
            "-code" => units.OrderByDescending(u => u.Code.ToLower()).ThenBy(u => u.Id),
            #pragma warning restore MA0011
            "createdAt" => units.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "-createdAt" => units.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id),
            "updatedAt" => units.OrderBy(u => u.UpdatedAt).ThenBy(u => u.Id),
            "-updatedAt" => units.OrderByDescending(u => u.UpdatedAt).ThenBy(u => u.Id),
            _ => units.OrderBy(u => u.Name).ThenBy(u => u.Id),
        };
    }
}

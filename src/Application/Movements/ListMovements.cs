using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Movements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>List movements: active in a year, by form, launcher level, status, and a search ignoring diacritics.</summary>
/// <param name="Year">Only movements running during this year (started by its end or with no known start, not ended before its start).</param>
public sealed record ListMovementsQuery(
    int? Year = null,
    MovementForm? Form = null,
    LauncherLevel? LauncherLevel = null,
    MovementStatus? Status = null,
    string? Q = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<MovementDto>>, IPagedQuery;

public sealed class ListMovementsValidator : AbstractValidator<ListMovementsQuery>
{
    public ListMovementsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Form).IsInEnum();
        RuleFor(x => x.LauncherLevel).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Q).MaximumLength(200);
    }
}

public sealed class ListMovementsHandler(IAppDbContext db) : IRequestHandler<ListMovementsQuery, PagedList<MovementDto>>
{
    public async Task<PagedList<MovementDto>> Handle(ListMovementsQuery request, CancellationToken cancellationToken)
    {
        var movements = db.Movements.AsNoTracking();
        if (request.Year is { } year)
        {
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            movements = movements.Where(m => (m.StartDate == null || m.StartDate <= last) && (m.EndDate == null || m.EndDate >= first));
        }
        if (request.Form is { } form) movements = movements.Where(m => m.Form == form);
        if (request.LauncherLevel is { } level) movements = movements.Where(m => m.LauncherLevel == level);
        if (request.Status is { } status) movements = movements.Where(m => m.Status == status);
        if (Domain.Common.Text.Clean(request.Q) is { } q)
            movements = movements.Where(m => EF.Property<string>(m, Sql.SearchTextColumn).Contains(Sql.SearchKey(q)));
        var page = await movements.OrderBy(m => m.StartDate == null).ThenByDescending(m => m.StartDate).ThenBy(m => m.Name).ThenBy(m => m.Id)
            .ToRows().ToPagedListAsync(request, cancellationToken);
        return new PagedList<MovementDto>(await db.NameAsync(page.Items, cancellationToken), page.Page, page.PageSize, page.TotalCount);
    }
}

using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>List plans, newest year first, filtered by year and status.</summary>
public sealed record ListPlansQuery(int? Year = null, PlanStatus? Status = null, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<PlanListItemDto>>, IPagedQuery;

public sealed class ListPlansValidator : AbstractValidator<ListPlansQuery>
{
    public ListPlansValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Status).IsInEnum();
    }
}

public sealed class ListPlansHandler(IAppDbContext db) : IRequestHandler<ListPlansQuery, PagedList<PlanListItemDto>>
{
    public Task<PagedList<PlanListItemDto>> Handle(ListPlansQuery request, CancellationToken cancellationToken)
    {
        var plans = db.Plans.AsNoTracking();
        if (request.Year is { } year) plans = plans.Where(p => p.Year == year);
        if (request.Status is { } status) plans = plans.Where(p => p.Status == status);
        return plans.OrderByDescending(p => p.Year).ThenBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new PlanListItemDto(p.Id, p.Year, p.Number, p.Title, p.IssueDate, p.Status,
                db.Tasks.Count(t => t.PlanId == p.Id), p.UpdatedAt))
            .ToPagedListAsync(request, cancellationToken);
    }
}

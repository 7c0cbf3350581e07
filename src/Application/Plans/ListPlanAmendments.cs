using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>A plan's amendments in order: the first one first.</summary>
public sealed record ListPlanAmendmentsQuery(Guid PlanId, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<AmendmentDto>>, IPagedQuery;

public sealed class ListPlanAmendmentsValidator : AbstractValidator<ListPlanAmendmentsQuery>
{
    public ListPlanAmendmentsValidator() => this.AddPagingRules();
}

public sealed class ListPlanAmendmentsHandler(IAppDbContext db) : IRequestHandler<ListPlanAmendmentsQuery, PagedList<AmendmentDto>>
{
    public async Task<PagedList<AmendmentDto>> Handle(ListPlanAmendmentsQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Plans.AnyAsync(p => p.Id == request.PlanId, cancellationToken)) throw new NotFoundException("Plan", request.PlanId);
        return await db.PlanAmendments.AsNoTracking().Where(a => a.PlanId == request.PlanId).OrderBy(a => a.Sequence)
            .ToDto().ToPagedListAsync(request, cancellationToken);
    }
}

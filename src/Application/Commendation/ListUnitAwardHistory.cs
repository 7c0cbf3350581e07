using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>One unit's history of awards (its own and its people's), newest year first.</summary>
public sealed record ListUnitAwardHistoryQuery(string UnitCode, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<AwardRecordDto>>, IPagedQuery;

public sealed class ListUnitAwardHistoryValidator : AbstractValidator<ListUnitAwardHistoryQuery>
{
    public ListUnitAwardHistoryValidator() => this.AddPagingRules();
}

public sealed class ListUnitAwardHistoryHandler(IAppDbContext db) : IRequestHandler<ListUnitAwardHistoryQuery, PagedList<AwardRecordDto>>
{
    public async Task<PagedList<AwardRecordDto>> Handle(ListUnitAwardHistoryQuery request, CancellationToken cancellationToken)
    {
        var lookup = await db.Units.LookUpCodesAsync([new UnitCodeAt("unitCode", request.UnitCode)], cancellationToken);
        var unitId = lookup.TryGet(request.UnitCode, out var unit) ? unit.Id : throw new NotFoundException("Unit", request.UnitCode.Trim());
        return await db.AwardRecords.AsNoTracking().Where(r => r.UnitId == unitId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.DecisionDate).ThenBy(r => r.Id)
            .ToDtos(db).ToPagedListAsync(request, cancellationToken);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>Read one plan.</summary>
public sealed record GetPlanQuery(Guid Id) : IRequest<PlanDto>;

public sealed class GetPlanHandler(IAppDbContext db) : IRequestHandler<GetPlanQuery, PlanDto>
{
    public async Task<PlanDto> Handle(GetPlanQuery request, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().Where(p => p.Id == request.Id).ToDto(db).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Plan", request.Id);
}

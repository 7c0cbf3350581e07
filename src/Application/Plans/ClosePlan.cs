using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>Close an issued plan (kết thúc): its tasks take no more progress reports.</summary>
public sealed record ClosePlanCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest<PlanDto>;

public sealed class ClosePlanHandler(IAppDbContext db) : IRequestHandler<ClosePlanCommand, PlanDto>
{
    public async Task<PlanDto> Handle(ClosePlanCommand request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Plan", request.Id);
        plan.EnsureVersion(request.ExpectedVersion);
        plan.Close();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).ToDto(db).FirstAsync(cancellationToken);
    }
}

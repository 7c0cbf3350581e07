using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>Draft a new plan.</summary>
public sealed record CreatePlanCommand : PlanFields, IRequest<PlanDto>;

public sealed class CreatePlanValidator : AbstractValidator<CreatePlanCommand>
{
    public CreatePlanValidator() => Include(new PlanFieldsValidator());
}

public sealed class CreatePlanHandler(IAppDbContext db) : IRequestHandler<CreatePlanCommand, PlanDto>
{
    public async Task<PlanDto> Handle(CreatePlanCommand request, CancellationToken cancellationToken)
    {
        var plan = Plan.Create(request.Year, request.Title!);
        request.WriteTo(plan);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).ToDto(db).FirstAsync(cancellationToken);
    }
}

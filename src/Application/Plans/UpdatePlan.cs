using System.Text.Json.Serialization;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>Rewrite a draft plan. Refused (409) once it is issued.</summary>
public sealed record UpdatePlanCommand : PlanFields, IRequest<PlanDto>
{
    [JsonIgnore] public Guid Id { get; init; }
    [JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdatePlanValidator : AbstractValidator<UpdatePlanCommand>
{
    public UpdatePlanValidator() => Include(new PlanFieldsValidator());
}

public sealed class UpdatePlanHandler(IAppDbContext db) : IRequestHandler<UpdatePlanCommand, PlanDto>
{
    public async Task<PlanDto> Handle(UpdatePlanCommand request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Plan", request.Id);
        plan.EnsureVersion(request.ExpectedVersion);
        var year = plan.Year;
        request.WriteTo(plan);
        if (plan.Year != year)
            foreach (var task in await db.Tasks.Where(t => t.PlanId == plan.Id).ToListAsync(cancellationToken))
                task.FollowPlanYear(plan);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).ToDto(db).FirstAsync(cancellationToken);
    }
}

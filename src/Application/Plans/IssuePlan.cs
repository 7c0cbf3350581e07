using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>Issue a draft plan (ban hành). Needs a number and an issue date, given here or already on the plan.</summary>
public sealed record IssuePlanCommand(string? Number = null, DateOnly? IssueDate = null) : IRequest<PlanDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class IssuePlanValidator : AbstractValidator<IssuePlanCommand>
{
    public IssuePlanValidator()
    {
        RuleFor(x => x.Number).MaximumLength(Domain.Plans.Plan.NumberMaxLength);
        RuleFor(x => x.IssueDate).InDateRange();
    }
}

public sealed class IssuePlanHandler(IAppDbContext db) : IRequestHandler<IssuePlanCommand, PlanDto>
{
    public async Task<PlanDto> Handle(IssuePlanCommand request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Plan", request.Id);
        plan.EnsureVersion(request.ExpectedVersion);
        plan.Issue(request.Number, request.IssueDate);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).ToDto(db).FirstAsync(cancellationToken);
    }
}

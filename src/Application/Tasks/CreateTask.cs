using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Add a task to a draft plan's appendix.</summary>
public sealed record CreateTaskCommand : TaskFields, IRequest<TaskDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid PlanId { get; init; }
}

public sealed class CreateTaskValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskValidator() => Include(new TaskFieldsValidator());
}

public sealed class CreateTaskHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<CreateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(CreateTaskCommand request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken) ?? throw new NotFoundException("Plan", request.PlanId);
        if (await db.Tasks.AnyAsync(t => t.PlanId == plan.Id && t.Group == request.Group!.Value && t.Sequence == request.Sequence, cancellationToken))
            throw new DomainException(Localized.Text($"The plan already has task {request.Sequence} in group {request.Group}.", $"Kế hoạch đã có nhiệm vụ số {request.Sequence} trong nhóm {request.Group}."));
        var assignees = await request.ResolveAssigneesAsync(db, cancellationToken);
        var task = PlanTask.Create(plan, request.Group!.Value, request.Sequence, request.Content!, request.Timing!.ToTiming(), assignees, movementId: request.MovementId);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().Where(t => t.Id == task.Id).WithTimeliness(TaskQueries.Today(clock)).FirstDtoOrDefaultAsync(db, TaskQueries.Today(clock), cancellationToken) ?? throw new InvalidOperationException("The task just written was not found.");
    }
}

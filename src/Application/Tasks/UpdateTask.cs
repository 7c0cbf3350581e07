using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Rewrite a task of a draft plan: group, number, content, timing, assignees.</summary>
public sealed record UpdateTaskCommand : TaskFields, IRequest<TaskDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateTaskValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskValidator() => Include(new TaskFieldsValidator());
}

public sealed class UpdateTaskHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<UpdateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(UpdateTaskCommand request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.Include(t => t.Plan).FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Task", request.Id);
        task.EnsureVersion(request.ExpectedVersion);
        if ((task.Group, task.Sequence) != (request.Group!.Value, request.Sequence)
            && await db.Tasks.AnyAsync(t => t.PlanId == task.PlanId && t.Group == request.Group.Value && t.Sequence == request.Sequence, cancellationToken))
            throw new DomainException(Localized.Text($"The plan already has task {request.Sequence} in group {request.Group}.", $"Kế hoạch đã có nhiệm vụ số {request.Sequence} trong nhóm {request.Group}."));
        var assignees = await request.ResolveAssigneesAsync(db, cancellationToken);
        task.Revise(task.Plan!, request.Group.Value, request.Sequence, request.Content!, request.Timing!.ToTiming(), assignees, movementId: request.MovementId);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().Where(t => t.Id == task.Id).WithTimeliness(TaskQueries.Today(clock)).FirstDtoOrDefaultAsync(db, TaskQueries.Today(clock), cancellationToken) ?? throw new InvalidOperationException("The task just written was not found.");
    }
}

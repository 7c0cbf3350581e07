using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>What is being done for a movement: the tasks that name it, with their plans, newest plan year first, then
/// in the plan's order (group, number). Cancelled tasks are listed, marked cancelled.</summary>
public sealed record ListMovementTasksQuery(Guid MovementId, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<MovementTaskDto>>, IPagedQuery;

/// <summary>A task that serves a movement.</summary>
/// <param name="Plan">The plan that carries the task.</param>
/// <param name="Sequence">The task's number (STT) within its group.</param>
/// <param name="Status">Derived from the lead obligations (see README, "The task's status").</param>
/// <param name="Cancelled">True when an amendment cancelled the task; it stays listed.</param>
public sealed record MovementTaskDto(Guid Id, MovementTaskPlanDto Plan, PeriodGroup Group, int Sequence, string Content, TaskProgress Status, bool Cancelled);

/// <summary>The plan a movement's task belongs to.</summary>
/// <param name="Number">The plan's document number (số ký hiệu); null while a draft has none.</param>
public sealed record MovementTaskPlanDto(Guid Id, string? Number, int Year, string Title);

public sealed class ListMovementTasksValidator : AbstractValidator<ListMovementTasksQuery>
{
    public ListMovementTasksValidator() => this.AddPagingRules();
}

public sealed class ListMovementTasksHandler(IAppDbContext db) : IRequestHandler<ListMovementTasksQuery, PagedList<MovementTaskDto>>
{
    public async Task<PagedList<MovementTaskDto>> Handle(ListMovementTasksQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Movements.AnyAsync(m => m.Id == request.MovementId, cancellationToken)) throw new NotFoundException("Movement", request.MovementId);
        return await db.Tasks.AsNoTracking().Where(t => t.MovementId == request.MovementId)
            .OrderByDescending(t => t.Plan!.Year).ThenBy(t => t.PlanId).ThenBy(t => t.Group).ThenBy(t => t.Sequence)
            .Select(t => new MovementTaskDto(t.Id, new MovementTaskPlanDto(t.PlanId, t.Plan!.Number, t.Plan.Year, t.Plan.Title),
                t.Group, t.Sequence, t.Content, t.Status, t.CancelledBy != null))
            .ToPagedListAsync(request, cancellationToken);
    }
}

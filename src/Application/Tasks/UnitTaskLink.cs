using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// A unit's link to a task, as the unit filters of the feed read it: an active obligation the unit holds on the task, or
/// the task's assignee row naming it, with the year of the task's plan (<c>plan_year</c>, which the database keeps on
/// both tables and the entities do not hold). Read-only; each source is mapped to a fixed SQL query
/// (<see cref="Common.Persistence.IAppDbContext.ObligationLinks"/>, <see cref="Common.Persistence.IAppDbContext.AssigneeLinks"/>),
/// so a statement that filters them stays an ordinary LINQ statement whose SQL EF Core caches.
/// </summary>
public sealed class UnitTaskLink
{
    public Guid TaskId { get; init; }
    public Guid? UnitId { get; init; }
    public int? PlanYear { get; init; }
    public AssigneeRole Role { get; init; }
}

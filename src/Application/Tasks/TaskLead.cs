namespace EmulationApi.Application.Tasks;

/// <summary>A task's lead (assignee row of role Lead) with the year of the task's plan, as the summary by lead unit reads
/// it. Read-only, mapped to a fixed SQL query (<see cref="Common.Persistence.IAppDbContext.TaskLeads"/>).</summary>
public sealed class TaskLead
{
    public Guid TaskId { get; init; }
    public int? PlanYear { get; init; }
    public Guid? UnitId { get; init; }
    public string? Group { get; init; }
    public string? SourceText { get; init; }
}

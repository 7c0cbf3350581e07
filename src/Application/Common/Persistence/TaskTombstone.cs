namespace EmulationApi.Application.Common.Persistence;

/// <summary>A task deleted from a draft plan, kept so that "changed since" shows the deletion once (written by a trigger).</summary>
public sealed class TaskTombstone
{
    public Guid TaskId { get; private set; }
    public Guid PlanId { get; private set; }
    public DateTimeOffset DeletedAt { get; private set; }
}

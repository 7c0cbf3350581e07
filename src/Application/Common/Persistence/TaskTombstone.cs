using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Common.Persistence;

/// <summary>
/// A task deleted from a draft plan, kept so that "changed since" shows the deletion once (written by a trigger, see
/// FeedSql): where the task stood (its plan, group, number and deadline, which the feed's filters and sorts read) and when
/// it was deleted.
/// </summary>
public sealed class TaskTombstone
{
    private TaskTombstone() { }

    public Guid TaskId { get; private set; }
    public Guid PlanId { get; private set; }
    public PeriodGroup Group { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly? Deadline { get; private set; }
    /// <summary>Stamped under the feed lock like every task's updated_at, so it takes its place among them.</summary>
    public DateTimeOffset DeletedAt { get; private set; }
}

using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Obligations;

/// <summary>
/// The scorecard's tally, kept by triggers in every writer's transaction (ObligationCountSql): how many active
/// obligations of one unit and plan year share everything the scorecard counts and filters by. A done obligation keeps
/// only whether it was done late; an open one (not started, in progress) keeps its own deadline — its timeliness moves
/// with the reference date, so the bands are computed on read, for any asOf. Rows whose count fell to 0 stay, at 0.
/// </summary>
public sealed class ObligationCount
{
    private ObligationCount() { }

    public int Year { get; private set; }
    public Guid UnitId { get; private set; }
    public AssigneeRole Role { get; private set; }
    public ProgressStatus Status { get; private set; }
    /// <summary>The month of the task's deadline (the quarter and month filters); null when the task has none.</summary>
    public short? DeadlineMonth { get; private set; }
    public bool Exempted { get; private set; }
    public bool AroseLate { get; private set; }
    /// <summary>Done after the unit's deadline.</summary>
    public bool DoneLate { get; private set; }
    /// <summary>The unit's own deadline (the extended one, else the task's), kept only while the obligation is open.</summary>
    public DateOnly? Deadline { get; private set; }
    public int Count { get; private set; }
}

namespace EmulationApi.Domain.Plans;

/// <summary>The group of a plan's appendix a task belongs to: a quarter (Quý I–IV) or the recurring tasks (thường xuyên).</summary>
public enum PeriodGroup
{
    Q1,
    Q2,
    Q3,
    Q4,
    /// <summary>Nhiệm vụ thường xuyên: the year-round tasks.</summary>
    Recurring,
}

public static class PeriodGroups
{
    /// <summary>The Vietnamese name of a group, as plans write it.</summary>
    public static string Label(this PeriodGroup group) => group switch
    {
        PeriodGroup.Q1 => "Quý I",
        PeriodGroup.Q2 => "Quý II",
        PeriodGroup.Q3 => "Quý III",
        PeriodGroup.Q4 => "Quý IV",
        _ => "Nhiệm vụ thường xuyên",
    };
}

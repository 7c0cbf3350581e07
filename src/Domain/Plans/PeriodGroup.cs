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

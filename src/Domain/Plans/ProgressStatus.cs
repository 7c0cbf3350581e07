namespace EmulationApi.Domain.Plans;

/// <summary>A task's stored progress.</summary>
public enum ProgressStatus
{
    /// <summary>Chưa thực hiện.</summary>
    NotStarted,
    /// <summary>Đang thực hiện.</summary>
    InProgress,
    /// <summary>Hoàn thành.</summary>
    Done,
    /// <summary>Không thực hiện: e.g. a "(nếu có)" task whose occasion did not arise.</summary>
    NotCarriedOut,
}

/// <summary>
/// A task's timeliness, derived from its progress, its deadline and a reference date; never stored. National reports
/// count tasks exactly this way.
/// </summary>
public enum Timeliness
{
    /// <summary>Trong hạn: not done, the deadline more than <see cref="PlanTask.DueSoonDays"/> days away.</summary>
    WithinDeadline,
    /// <summary>Sắp đến hạn: not done, the deadline within <see cref="PlanTask.DueSoonDays"/> days.</summary>
    DueSoon,
    /// <summary>Quá hạn: not done, the deadline passed.</summary>
    Overdue,
    /// <summary>Hoàn thành đúng hạn: done on or before the deadline (or done with no deadline).</summary>
    DoneOnTime,
    /// <summary>Hoàn thành quá hạn: done after the deadline.</summary>
    DoneLate,
    /// <summary>Không thời hạn: recurring and not done, or not carried out.</summary>
    NoDeadline,
}

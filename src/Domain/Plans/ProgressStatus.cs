namespace EmulationApi.Domain.Plans;

/// <summary>A unit's progress on its share of a task, as its reports say.</summary>
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
/// A task's status, derived from its lead obligations (see README, "The task's status"): the progress statuses, plus
/// <see cref="Unassigned"/> when no unit holds a lead obligation and <see cref="Cancelled"/> when an amendment cancelled it.
/// </summary>
public enum TaskProgress
{
    /// <summary>Chưa thực hiện: no lead has started.</summary>
    NotStarted,
    /// <summary>Đang thực hiện: a lead has started and not every lead is through.</summary>
    InProgress,
    /// <summary>Hoàn thành: every lead is done, or done and the rest did not carry it out; dated by the last lead done.</summary>
    Done,
    /// <summary>Không thực hiện: no lead carried it out (e.g. a "(nếu có)" task whose occasion did not arise).</summary>
    NotCarriedOut,
    /// <summary>Chưa có đơn vị chủ trì: no unit holds a lead obligation (a group not organised yet, a name not resolved); never done.</summary>
    Unassigned,
    /// <summary>Đã hủy: cancelled by an amendment of the plan; kept and readable, out of the feed's default view.</summary>
    Cancelled,
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

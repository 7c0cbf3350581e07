using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Plans;

/// <summary>
/// A task (nhiệm vụ) of a plan's appendix: what is to be done, who leads and who coordinates, and when. Once the plan is
/// issued, each unit it reaches holds an obligation (Obligations.Obligation); the task's status is derived from its leads'.
/// </summary>
public sealed class PlanTask : Entity
{
    public const int ContentMaxLength = 4000;
    public const int CellMaxLength = 1000;
    public const int MaxAssignees = 50;
    /// <summary>A task not done whose deadline is this many days away or fewer is "due soon".</summary>
    public const int DueSoonDays = 7;

    private List<TaskAssignee> _assignees = [];

    private PlanTask() { Content = null!; Timing = null!; }

    public Guid PlanId { get; private set; }
    /// <summary>The plan, for queries.</summary>
    public Plan? Plan { get; private set; }
    public PeriodGroup Group { get; private set; }
    /// <summary>The task's number (STT) within its group.</summary>
    public int Sequence { get; private set; }
    public string Content { get; private set; }
    public TaskTiming Timing { get; private set; }
    /// <summary>The last day the task is due, from its timing and the plan's year; null when recurring.</summary>
    public DateOnly? Deadline { get; private set; }
    /// <summary>The lead cell as the plan wrote it.</summary>
    public string? LeadText { get; private set; }
    /// <summary>The coordinators cell as the plan wrote it.</summary>
    public string? CoordinatorText { get; private set; }
    /// <summary>The timing cell as the plan wrote it.</summary>
    public string? TimingText { get; private set; }
    public IReadOnlyList<TaskAssignee> Assignees => _assignees;
    /// <summary>Derived by the database from the lead obligations (emulation_refresh_task_status), never set here.</summary>
    public TaskProgress Status { get; private set; } = TaskProgress.NotStarted;
    /// <summary>When every lead was through: the last lead's completion date.</summary>
    public DateOnly? CompletedOn { get; private set; }
    /// <summary>The latest report on any of the task's obligations.</summary>
    public DateOnly? LastReportedOn { get; private set; }
    /// <summary>How many reports the task's obligations have, leads and coordinators.</summary>
    public int ReportCount { get; private set; }
    /// <summary>The amendment that cancelled the task; null while it stands.</summary>
    public Guid? CancelledBy { get; private set; }
    public string? CancellationReason { get; private set; }
    /// <summary>The last amendment that added or changed the task.</summary>
    public Guid? AmendedBy { get; private set; }
    /// <summary>The movement (phong trào thi đua) the task serves; null when it names none.</summary>
    public Guid? MovementId { get; private set; }

    /// <summary>A new task of a draft plan, in the given period group and place.</summary>
    /// <param name="cells">The row's cells as a plan's text wrote them; <see cref="TaskCells.None"/> when not loaded from a text.</param>
    public static PlanTask Create(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells? cells = null, Guid? movementId = null)
    {
        plan.EnsureDraft(Localized.Text("given new tasks", "thêm nhiệm vụ"));
        var task = new PlanTask { PlanId = plan.Id, Content = "", Timing = timing };
        task.Apply(plan, group, sequence, content, timing, assignees, cells ?? TaskCells.None, movementId);
        return task;
    }

    /// <summary>Replaces what the task says; only while its plan is a draft. Returns false when nothing differs.</summary>
    public bool Revise(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells? cells = null, Guid? movementId = null)
    {
        CheckPlan(plan);
        cells ??= TaskCells.None;
        var list = assignees.ToList();
        if (Group == group && Sequence == sequence && Content == Text.Clean(content) && Timing == timing
            && LeadText == Text.Clean(cells.Lead) && CoordinatorText == Text.Clean(cells.Coordinators) && TimingText == Text.Clean(cells.Timing)
            && MovementId == movementId
            && list.Count == _assignees.Count && InOrder(list).Zip(InOrder(_assignees)).All(p => p.First.SameAs(p.Second)))
            return false;
        plan.EnsureDraft(Localized.Text("edited", "chỉnh sửa"));
        Apply(plan, group, sequence, content, timing, list, cells, movementId);
        return true;
    }

    /// <summary>Bổ sung: a task added to an issued plan by an amendment.</summary>
    public static PlanTask AddByAmendment(Plan plan, PlanAmendment amendment, PeriodGroup group, int sequence, string content,
        TaskTiming timing, IEnumerable<TaskAssignee> assignees, Guid? movementId = null)
    {
        CheckAmendment(plan, amendment);
        var task = new PlanTask { PlanId = plan.Id, Content = "", Timing = timing, AmendedBy = amendment.Id };
        task.Apply(plan, group, sequence, content, timing, assignees, TaskCells.None, movementId);
        amendment.Record(AmendmentChangeKind.Added, task, null);
        return task;
    }

    /// <summary>Điều chỉnh: an amendment rewrites the task's content, timing, assignees or the movement it serves.
    /// Progress already reported on the obligations that survive is kept.</summary>
    public void Amend(Plan plan, PlanAmendment amendment, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, Guid? movementId = null)
    {
        CheckPlan(plan);
        CheckAmendment(plan, amendment);
        EnsureStanding();
        Apply(plan, group, sequence, content, timing, assignees, TaskCells.None, movementId); // the cells the plan wrote no longer hold
        AmendedBy = amendment.Id;
        amendment.Record(AmendmentChangeKind.Changed, this, null);
    }

    /// <summary>Hủy: an amendment cancels the task. It is never deleted: it stays readable with its history, its
    /// obligations are withdrawn, and it leaves the feed's default view.</summary>
    public void Cancel(Plan plan, PlanAmendment amendment, string reason)
    {
        CheckPlan(plan);
        CheckAmendment(plan, amendment);
        EnsureStanding();
        var clean = Text.Required(reason, Localized.Text("The reason for cancelling", "Lý do hủy nhiệm vụ"));
        if (clean.Length > CellMaxLength) throw new DomainException(Localized.Text($"The reason for cancelling is at most {CellMaxLength} characters.", $"Lý do hủy nhiệm vụ dài tối đa {CellMaxLength} ký tự."));
        (CancelledBy, CancellationReason) = (amendment.Id, clean);
        amendment.Record(AmendmentChangeKind.Cancelled, this, clean);
    }

    private void EnsureStanding()
    {
        if (CancelledBy is not null) throw new DomainException(Localized.Text($"Task {Group} {Sequence} was cancelled by an earlier amendment.", $"Nhiệm vụ {Group} {Sequence} đã bị hủy bởi một văn bản sửa đổi, bổ sung trước đó."));
    }

    private static void CheckAmendment(Plan plan, PlanAmendment amendment)
    {
        if (amendment.PlanId != plan.Id) throw new InvalidOperationException("The amendment given is not this plan's.");
        plan.EnsureAmendable();
    }

    /// <summary>Recomputes the deadline after the (draft) plan's year changed.</summary>
    public void FollowPlanYear(Plan plan)
    {
        CheckPlan(plan);
        Deadline = Timing.DeadlineIn(plan.Year);
    }

    public void EnsureRemovable(Plan plan)
    {
        CheckPlan(plan);
        plan.EnsureDraft(Localized.Text("stripped of tasks", "xóa nhiệm vụ"));
    }

    private void Apply(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells cells, Guid? movementId)
    {
        if (!Enum.IsDefined(group)) throw new DomainException(Localized.Text($"Unknown group '{group}'.", $"Nhóm '{group}' không xác định."));
        if (sequence is < 1 or > 10_000) throw new DomainException(Localized.Text("A task's number within its group runs from 1 to 10000.", "Số thứ tự của nhiệm vụ trong nhóm từ 1 đến 10000."));
        var clean = Text.Required(content, Localized.Text("A task's content", "Nội dung nhiệm vụ"));
        if (clean.Length > ContentMaxLength) throw new DomainException(Localized.Text($"A task's content is at most {ContentMaxLength} characters.", $"Nội dung nhiệm vụ dài tối đa {ContentMaxLength} ký tự."));
        var list = assignees.ToList();
        if (!list.Any(a => a.Role == AssigneeRole.Lead)) throw new DomainException(Localized.Text("A task needs at least one lead (đơn vị chủ trì).", "Nhiệm vụ cần có ít nhất một đơn vị chủ trì."));
        if (list.Count > MaxAssignees) throw new DomainException(Localized.Text($"A task has at most {MaxAssignees} assignees.", $"Mỗi nhiệm vụ có tối đa {MaxAssignees} đơn vị chủ trì và phối hợp."));
        if (list.Where(a => a.UnitId is not null).GroupBy(a => (a.Role, a.UnitId)).Any(g => g.Count() > 1)
            || list.Where(a => a.Group is not null).GroupBy(a => (a.Role, a.Group)).Any(g => g.Count() > 1))
            throw new DomainException(Localized.Text("The same assignee is named twice in one role.", "Cùng một đơn vị được nêu hai lần trong cùng một vai trò."));
        Group = group;
        Sequence = sequence;
        Content = clean;
        Timing = timing;
        Deadline = timing.DeadlineIn(plan.Year);
        LeadText = Cell(cells.Lead);
        CoordinatorText = Cell(cells.Coordinators);
        TimingText = Cell(cells.Timing);
        _assignees = list;
        MovementId = movementId;
    }

    private static IEnumerable<TaskAssignee> InOrder(IEnumerable<TaskAssignee> assignees) =>
        assignees.OrderBy(a => a.Role).ThenBy(a => a.Position);

    private void CheckPlan(Plan plan)
    {
        if (plan.Id != PlanId) throw new InvalidOperationException("The plan given is not this task's plan.");
    }

    private static string? Cell(string? value)
    {
        var clean = Text.Clean(value);
        return clean is { Length: > CellMaxLength } ? throw new DomainException(Localized.Text($"A cell's text is at most {CellMaxLength} characters.", $"Nội dung mỗi ô dài tối đa {CellMaxLength} ký tự.")) : clean;
    }
}

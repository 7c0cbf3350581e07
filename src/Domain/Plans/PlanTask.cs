using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Plans;

/// <summary>
/// A task (nhiệm vụ) of a plan's appendix: what is to be done, who leads and who coordinates, and when. Its progress
/// changes only through progress reports.
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
    public ProgressStatus Status { get; private set; } = ProgressStatus.NotStarted;
    /// <summary>The date of the report that marked the task done.</summary>
    public DateOnly? CompletedOn { get; private set; }
    public DateOnly? LastReportedOn { get; private set; }
    public int ReportCount { get; private set; }

    /// <summary>A new task of a draft plan, in the given period group and place.</summary>
    /// <param name="cells">The row's cells as a plan's text wrote them; <see cref="TaskCells.None"/> when not loaded from a text.</param>
    public static PlanTask Create(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells? cells = null)
    {
        plan.EnsureDraft("given new tasks");
        var task = new PlanTask { PlanId = plan.Id, Content = "", Timing = timing };
        task.Apply(plan, group, sequence, content, timing, assignees, cells ?? TaskCells.None);
        return task;
    }

    /// <summary>Replaces what the task says; only while its plan is a draft. Returns false when nothing differs.</summary>
    public bool Revise(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells? cells = null)
    {
        CheckPlan(plan);
        cells ??= TaskCells.None;
        var list = assignees.ToList();
        if (Group == group && Sequence == sequence && Content == Text.Clean(content) && Timing == timing
            && LeadText == Text.Clean(cells.Lead) && CoordinatorText == Text.Clean(cells.Coordinators) && TimingText == Text.Clean(cells.Timing)
            && list.Count == _assignees.Count && InOrder(list).Zip(InOrder(_assignees)).All(p => p.First.SameAs(p.Second)))
            return false;
        plan.EnsureDraft("edited");
        Apply(plan, group, sequence, content, timing, list, cells);
        return true;
    }

    /// <summary>Records a progress report and moves the task to the status it reports.</summary>
    public ProgressReport ReportProgress(Plan plan, DateOnly reportedOn, Guid reportingUnitId, ProgressStatus status,
        string text, IEnumerable<string>? evidenceLinks, DateOnly today)
    {
        CheckPlan(plan);
        plan.EnsureAcceptsProgress();
        if (!Enum.IsDefined(status)) throw new DomainException($"Unknown status '{status}'.");
        if (status == ProgressStatus.NotStarted && Status != ProgressStatus.NotStarted)
            throw new DomainException("A task that has started cannot go back to not started; report it in progress instead.");
        if (reportedOn > today) throw new DomainException($"A report cannot be dated in the future ({reportedOn:yyyy-MM-dd} is after {today:yyyy-MM-dd}).");
        if (LastReportedOn is { } last && reportedOn < last)
            throw new DomainException($"The task's last report is dated {last:yyyy-MM-dd}; a new one cannot be dated earlier.");

        var report = ProgressReport.Create(Id, reportedOn, reportingUnitId, status, text, evidenceLinks);
        Status = status;
        CompletedOn = status == ProgressStatus.Done ? (CompletedOn ?? reportedOn) : null;
        LastReportedOn = reportedOn;
        ReportCount++;
        return report;
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
        plan.EnsureDraft("stripped of tasks");
    }

    private void Apply(Plan plan, PeriodGroup group, int sequence, string content, TaskTiming timing,
        IEnumerable<TaskAssignee> assignees, TaskCells cells)
    {
        if (!Enum.IsDefined(group)) throw new DomainException($"Unknown group '{group}'.");
        if (sequence is < 1 or > 10_000) throw new DomainException("A task's number within its group runs from 1 to 10000.");
        var clean = Text.Required(content, "A task's content");
        if (clean.Length > ContentMaxLength) throw new DomainException($"A task's content is at most {ContentMaxLength} characters.");
        var list = assignees.ToList();
        if (!list.Any(a => a.Role == AssigneeRole.Lead)) throw new DomainException("A task needs at least one lead (đơn vị chủ trì).");
        if (list.Count > MaxAssignees) throw new DomainException($"A task has at most {MaxAssignees} assignees.");
        if (list.Where(a => a.UnitId is not null).GroupBy(a => (a.Role, a.UnitId)).Any(g => g.Count() > 1)
            || list.Where(a => a.Group is not null).GroupBy(a => (a.Role, a.Group)).Any(g => g.Count() > 1))
            throw new DomainException("The same assignee is named twice in one role.");
        Group = group;
        Sequence = sequence;
        Content = clean;
        Timing = timing;
        Deadline = timing.DeadlineIn(plan.Year);
        LeadText = Cell(cells.Lead);
        CoordinatorText = Cell(cells.Coordinators);
        TimingText = Cell(cells.Timing);
        _assignees = list;
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
        return clean is { Length: > CellMaxLength } ? throw new DomainException($"A cell's text is at most {CellMaxLength} characters.") : clean;
    }
}

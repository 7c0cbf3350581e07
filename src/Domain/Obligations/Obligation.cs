using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Domain.Obligations;

/// <summary>
/// One unit's share of one task (phân công cho từng đơn vị): the unit must lead or coordinate the task, because the plan
/// names it or names a group it belongs to. Obligations are derived by the database from the task's assignees, the
/// registry and the year's clusters (see ObligationDerivation); this entity guards what people do with one: report
/// progress, extend its deadline, exempt the unit, confirm or reject a claimed completion.
/// </summary>
public sealed class Obligation : Entity
{
    public const int ReasonMaxLength = 1000;

    private readonly List<ObligationEvent> _events = [];

    private Obligation() { }

    public Guid TaskId { get; private set; }
    public PlanTask? Task { get; private set; }
    public Guid UnitId { get; private set; }
    public Units.Unit? Unit { get; private set; }
    public AssigneeRole Role { get; private set; }
    /// <summary>The group the obligation comes through; null when the plan names the unit directly.</summary>
    public AssigneeGroup? SourceGroup { get; private set; }
    /// <summary>For the cluster groups: the provincial cluster/bloc whose leader holds the obligation.</summary>
    public Guid? ClusterId { get; private set; }
    public ObligationState State { get; private set; } = ObligationState.Active;
    public ProgressStatus Status { get; private set; } = ProgressStatus.NotStarted;
    /// <summary>The date the unit claims the work was done (the report that marked it done).</summary>
    public DateOnly? CompletedOn { get; private set; }
    public DateOnly? LastReportedOn { get; private set; }
    public int ReportCount { get; private set; }
    /// <summary>Whether an editor has looked at the claimed completion.</summary>
    public CompletionReview Review { get; private set; } = CompletionReview.None;
    /// <summary>The day the unit came to hold the obligation: the plan's issue date, or a later change's day.</summary>
    public DateOnly AroseOn { get; private set; }
    /// <summary>The obligation arose after its task's deadline: counted apart, never as the unit's overdue work.</summary>
    public bool AroseLate { get; private set; }
    public DateOnly? ExtendedDeadline { get; private set; }
    public string? ExtensionReason { get; private set; }
    public bool Exempted { get; private set; }
    public string? ExemptionReason { get; private set; }
    public DateOnly? WithdrawnOn { get; private set; }
    /// <summary>The unit that held it before (a cluster leader replaced, a unit merged into this one).</summary>
    public Guid? TransferredFromUnitId { get; private set; }
    public Units.Unit? TransferredFrom { get; private set; }
    public IReadOnlyList<ObligationEvent> Events => _events;

    /// <summary>The deadline this unit is held to: the extended one, else the task's.</summary>
    public DateOnly? DeadlineFor(DateOnly? taskDeadline) => ExtendedDeadline ?? taskDeadline;

    /// <summary>Records a progress report on this unit's share and moves it to the status reported.</summary>
    public ProgressReport Report(Plan plan, DateOnly reportedOn, Guid reportingUnitId, ProgressStatus status, string text,
        IEnumerable<string>? evidenceLinks, string recordedBy, DateOnly today)
    {
        plan.EnsureAcceptsProgress();
        EnsureActive(Localized.Text("take reports", "nhận báo cáo"));
        if (Exempted) throw new DomainException(Localized.Text("The unit is exempted from this task; it has nothing to report.", "Đơn vị được miễn thực hiện nhiệm vụ này; không có gì để báo cáo."));
        if (reportingUnitId != UnitId) throw new DomainException(Localized.Text("A unit reports only on its own obligation.", "Đơn vị chỉ báo cáo phần việc của chính mình."));
        if (!Enum.IsDefined(status)) throw new DomainException(Localized.Text($"Unknown status '{status}'.", $"Trạng thái '{status}' không xác định."));
        if (status == ProgressStatus.NotStarted && Status != ProgressStatus.NotStarted)
            throw new DomainException(Localized.Text("Work that has started cannot go back to not started; report it in progress instead.", "Công việc đã bắt đầu không thể trở lại trạng thái chưa bắt đầu; hãy báo cáo là đang thực hiện."));
        Dates.EnsureNotInFuture(reportedOn, today, Localized.Text("A report", "Báo cáo"));
        if (LastReportedOn is { } last && reportedOn < last)
            throw new DomainException(Localized.Text($"The unit's last report on this task is dated {last:yyyy-MM-dd}; a new one cannot be dated earlier.", $"Báo cáo gần nhất của đơn vị về nhiệm vụ này ghi ngày {last:yyyy-MM-dd}; báo cáo mới không thể ghi ngày sớm hơn."));

        var report = ProgressReport.Create(TaskId, Id, reportedOn, reportingUnitId, status, text, evidenceLinks, recordedBy);
        if (status == ProgressStatus.Done && Status != ProgressStatus.Done) Review = CompletionReview.Pending;
        if (status != ProgressStatus.Done) Review = CompletionReview.None;
        Status = status;
        CompletedOn = status == ProgressStatus.Done ? (CompletedOn ?? reportedOn) : null;
        LastReportedOn = reportedOn;
        ReportCount++;
        return report;
    }

    /// <summary>Gives the unit more time (gia hạn); timeliness then uses the new deadline.</summary>
    public void ExtendDeadline(DateOnly deadline, string reason, DateOnly? taskDeadline, string actor)
    {
        EnsureActive(Localized.Text("be extended", "gia hạn"));
        if (taskDeadline is null) throw new DomainException(Localized.Text("The task has no deadline to extend.", "Nhiệm vụ không có thời hạn để gia hạn."));
        var current = DeadlineFor(taskDeadline)!.Value;
        if (deadline <= current) throw new DomainException(Localized.Text($"The new deadline must be after the current one ({current:yyyy-MM-dd}).", $"Thời hạn mới phải sau thời hạn hiện tại ({current:yyyy-MM-dd})."));
        var why = Reason(reason);
        (ExtendedDeadline, ExtensionReason) = (deadline, why);
        _events.Add(ObligationEvent.Of(this, ObligationEventKind.DeadlineExtended, why, actor, $"{current:yyyy-MM-dd} → {deadline:yyyy-MM-dd}"));
    }

    /// <summary>Releases the unit from the task (miễn), with a reason; the scorecard shows exemptions apart.</summary>
    public void Exempt(string reason, string actor)
    {
        EnsureActive(Localized.Text("be exempted", "miễn thực hiện"));
        if (Exempted) throw new DomainException(Localized.Text("The unit is already exempted from this task.", "Đơn vị đã được miễn thực hiện nhiệm vụ này."));
        var why = Reason(reason);
        (Exempted, ExemptionReason) = (true, why);
        _events.Add(ObligationEvent.Of(this, ObligationEventKind.Exempted, why, actor, null));
    }

    /// <summary>An editor accepts the completion the unit claimed.</summary>
    public void ConfirmCompletion(string actor)
    {
        EnsurePendingCompletion();
        Review = CompletionReview.Confirmed;
        _events.Add(ObligationEvent.Of(this, ObligationEventKind.CompletionConfirmed, null, actor, $"{CompletedOn:yyyy-MM-dd}"));
    }

    /// <summary>An editor refuses the completion the unit claimed: the work goes back to in progress, the reason is kept.</summary>
    public void RejectCompletion(string reason, string actor)
    {
        EnsurePendingCompletion();
        var why = Reason(reason);
        var claimed = CompletedOn;
        (Status, CompletedOn, Review) = (ProgressStatus.InProgress, null, CompletionReview.Rejected);
        _events.Add(ObligationEvent.Of(this, ObligationEventKind.CompletionRejected, why, actor, $"{claimed:yyyy-MM-dd}"));
    }

    private void EnsurePendingCompletion()
    {
        EnsureActive(Localized.Text("be reviewed", "xác nhận hoặc từ chối kết quả"));
        if (Status != ProgressStatus.Done) throw new DomainException(Localized.Text("Only a completion the unit has reported can be confirmed or rejected.", "Chỉ xác nhận hoặc từ chối được kết quả hoàn thành do đơn vị đã báo cáo."));
        if (Review != CompletionReview.Pending) throw new DomainException(Localized.Text(
            $"This completion has already been {Review.ToString().ToLowerInvariant()}.",
            Review == CompletionReview.Confirmed ? "Kết quả hoàn thành này đã được xác nhận." : "Kết quả hoàn thành này đã bị từ chối."));
    }

    private void EnsureActive(string what)
    {
        if (State != ObligationState.Active)
            throw new DomainException(Localized.Text($"The obligation was withdrawn on {WithdrawnOn:yyyy-MM-dd} (the unit no longer belongs to the task); it cannot {what}.", $"Trách nhiệm thực hiện nhiệm vụ đã được rút lại ngày {WithdrawnOn:yyyy-MM-dd} (đơn vị không còn thuộc nhiệm vụ); không thể {what}."));
    }

    private static string Reason(string? reason)
    {
        var clean = Text.Required(reason, Localized.Text("The reason", "Lý do"));
        return clean.Length > ReasonMaxLength ? throw new DomainException(Localized.Text($"A reason is at most {ReasonMaxLength} characters.", $"Lý do dài tối đa {ReasonMaxLength} ký tự.")) : clean;
    }
}

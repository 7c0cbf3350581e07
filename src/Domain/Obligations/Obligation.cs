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
        EnsureActive("take reports");
        if (Exempted) throw new DomainException("The unit is exempted from this task; it has nothing to report.");
        if (reportingUnitId != UnitId) throw new DomainException("A unit reports only on its own obligation.");
        if (!Enum.IsDefined(status)) throw new DomainException($"Unknown status '{status}'.");
        if (status == ProgressStatus.NotStarted && Status != ProgressStatus.NotStarted)
            throw new DomainException("Work that has started cannot go back to not started; report it in progress instead.");
        Dates.EnsureNotInFuture(reportedOn, today, "A report");
        if (LastReportedOn is { } last && reportedOn < last)
            throw new DomainException($"The unit's last report on this task is dated {last:yyyy-MM-dd}; a new one cannot be dated earlier.");

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
        EnsureActive("be extended");
        if (taskDeadline is null) throw new DomainException("The task has no deadline to extend.");
        var current = DeadlineFor(taskDeadline)!.Value;
        if (deadline <= current) throw new DomainException($"The new deadline must be after the current one ({current:yyyy-MM-dd}).");
        var why = Reason(reason);
        (ExtendedDeadline, ExtensionReason) = (deadline, why);
        _events.Add(ObligationEvent.Of(this, ObligationEventKind.DeadlineExtended, why, actor, $"{current:yyyy-MM-dd} → {deadline:yyyy-MM-dd}"));
    }

    /// <summary>Releases the unit from the task (miễn), with a reason; the scorecard shows exemptions apart.</summary>
    public void Exempt(string reason, string actor)
    {
        EnsureActive("be exempted");
        if (Exempted) throw new DomainException("The unit is already exempted from this task.");
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
        EnsureActive("be reviewed");
        if (Status != ProgressStatus.Done) throw new DomainException("Only a completion the unit has reported can be confirmed or rejected.");
        if (Review != CompletionReview.Pending) throw new DomainException($"This completion has already been {Review.ToString().ToLowerInvariant()}.");
    }

    private void EnsureActive(string what)
    {
        if (State != ObligationState.Active)
            throw new DomainException($"The obligation was withdrawn on {WithdrawnOn:yyyy-MM-dd} (the unit no longer belongs to the task); it cannot {what}.");
    }

    private static string Reason(string? reason)
    {
        var clean = Text.Required(reason, "The reason");
        return clean.Length > ReasonMaxLength ? throw new DomainException($"A reason is at most {ReasonMaxLength} characters.") : clean;
    }
}

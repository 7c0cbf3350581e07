using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Plans;

/// <summary>What an amendment did to one task.</summary>
public enum AmendmentChangeKind
{
    /// <summary>Bổ sung: a task added to the plan.</summary>
    Added,
    /// <summary>Điều chỉnh: a task's content, timing or assignees changed.</summary>
    Changed,
    /// <summary>Hủy: a task cancelled; it stays readable.</summary>
    Cancelled,
}

/// <summary>One change an amendment made: which task (by id and by its place in the appendix) and how.</summary>
/// <param name="Kind">Added (bổ sung), Changed (điều chỉnh) or Cancelled (hủy).</param>
/// <param name="Group">The task's group after the change.</param>
/// <param name="Sequence">The task's number (STT) within its group after the change.</param>
/// <param name="Reason">Why the task was cancelled; null for the other kinds.</param>
/// <param name="MovementId">The movement the task serves after the change; null when it names none.</param>
public sealed record AmendmentChange(AmendmentChangeKind Kind, Guid TaskId, PeriodGroup Group, int Sequence, string? Reason, Guid? MovementId = null);

/// <summary>
/// An amendment of an issued plan (văn bản điều chỉnh, bổ sung kế hoạch): a document of its own, with its number and
/// date, that adds tasks, changes tasks or cancels them. Amendments are numbered in order within their plan; the tasks
/// they touch say so, and obligations follow in the same transaction.
/// </summary>
public sealed class PlanAmendment : Entity
{
    public const int SummaryMaxLength = 2000;
    public const int MaxChanges = 500;

    private List<AmendmentChange> _changes = [];

    private PlanAmendment() { Number = null!; Summary = null!; }

    public Guid PlanId { get; private set; }
    /// <summary>1 for the plan's first amendment, then 2, 3, …</summary>
    public int Sequence { get; private set; }
    public string Number { get; private set; }
    public DateOnly Date { get; private set; }
    public string Summary { get; private set; }
    public IReadOnlyList<AmendmentChange> Changes => _changes;

    /// <summary>Opens an amendment of an issued plan; <paramref name="sequence"/> follows the plan's last one.</summary>
    public static PlanAmendment Open(Plan plan, int sequence, DocumentReference document, string summary)
    {
        plan.EnsureAmendable();
        var number = Text.Clean(document.Number) ?? throw new DomainException(Localized.Text("An amendment needs its document number (số ký hiệu).", "Văn bản sửa đổi, bổ sung cần có số hiệu văn bản (số ký hiệu)."));
        if (number.Length > Plan.NumberMaxLength) throw new DomainException(Localized.Text($"Number is longer than {Plan.NumberMaxLength} characters.", $"Số hiệu văn bản dài quá {Plan.NumberMaxLength} ký tự."));
        var date = document.Date ?? throw new DomainException(Localized.Text("An amendment needs its document date.", "Văn bản sửa đổi, bổ sung cần có ngày ban hành."));
        if (plan.IssueDate is { } issued && date < issued)
            throw new DomainException(Localized.Text(
                $"An amendment cannot be dated before the plan's issue date ({issued:yyyy-MM-dd}).",
                $"Văn bản sửa đổi, bổ sung không thể có ngày trước ngày ban hành kế hoạch ({issued:yyyy-MM-dd})."));
        var clean = Text.Required(summary, Localized.Text("An amendment's summary", "Nội dung tóm tắt của văn bản sửa đổi, bổ sung"));
        if (clean.Length > SummaryMaxLength) throw new DomainException(Localized.Text($"An amendment's summary is at most {SummaryMaxLength} characters.", $"Nội dung tóm tắt của văn bản sửa đổi, bổ sung dài tối đa {SummaryMaxLength} ký tự."));
        return new PlanAmendment { PlanId = plan.Id, Sequence = sequence, Number = number, Date = date, Summary = clean };
    }

    internal void Record(AmendmentChangeKind kind, PlanTask task, string? reason)
    {
        if (_changes.Count >= MaxChanges) throw new DomainException(Localized.Text($"An amendment makes at most {MaxChanges} changes.", $"Mỗi văn bản sửa đổi, bổ sung có tối đa {MaxChanges} thay đổi."));
        if (_changes.Any(c => c.TaskId == task.Id)) throw new DomainException(Localized.Text($"Task {task.Group} {task.Sequence} is touched twice by one amendment.", $"Nhiệm vụ {task.Group} {task.Sequence} bị thay đổi hai lần trong cùng một văn bản sửa đổi, bổ sung."));
        _changes.Add(new AmendmentChange(kind, task.Id, task.Group, task.Sequence, reason, task.MovementId));
    }

    /// <summary>An amendment that changes nothing is refused.</summary>
    public void EnsureChangesSomething()
    {
        if (_changes.Count == 0) throw new DomainException(Localized.Text(
            "The amendment changes nothing: it adds, changes or cancels no task.",
            "Văn bản sửa đổi, bổ sung không thay đổi gì: không thêm, sửa hay hủy nhiệm vụ nào."));
    }
}

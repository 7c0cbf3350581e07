using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>Who took a step, on which day, and the document that made it (e.g. the proposing letter, the appraisal report).</summary>
public sealed record StepRecord(DateOnly Date, string By, string? ByUnitCode, string? DocumentReference, string? Note = null);

/// <summary>One step of a dossier's lifecycle as recorded: the step, the status it led to, who (the client's name and unit),
/// the day, the document, a note (the reason of a return), for a return the day to resubmit by, and for a submission or
/// an appraisal what the eligibility rules answered for each nominee then.</summary>
public sealed record DossierStep(DossierStepKind Kind, DossierStatus Status, DateOnly Date, string By, string? ByUnitCode,
    string? DocumentReference, string? Note, DateOnly? ResubmitBy, IReadOnlyList<NomineeEligibility>? Eligibility = null);

/// <summary>Where a dossier comes from: a movement, or the ranking of a cluster/bloc (a cluster belongs to one year).</summary>
public sealed record DossierSource(Guid? MovementId, Guid? ClusterId);

/// <summary>A decision on one nominee: approved, or not approved with the reason.</summary>
public sealed record NomineeDecision(Guid NomineeId, NomineeOutcome Outcome, string? Reason);

/// <summary>
/// A nomination dossier (hồ sơ đề nghị khen thưởng): the proposing unit, the year and period, the commendation type, where
/// it comes from, its nominees each with the award asked for, and its lifecycle. Drafts (and dossiers returned for
/// completion) are edited by the proposing unit; the rest is the appraising body's.
/// </summary>
public sealed class Dossier : Entity
{
    public const int PeriodMaxLength = 100;
    public const int ReferenceMaxLength = 500;
    public const int NoteMaxLength = 2000;
    public const int MaxNominees = 500;

    private List<Nominee> _nominees = [];
    private List<DossierStep> _steps = [];

    private Dossier() { }

    public Guid ProposingUnitId { get; private set; }
    public int Year { get; private set; }
    /// <summary>The period within the year, when not the whole year (e.g. "6 tháng đầu năm", "Quý II").</summary>
    public string? Period { get; private set; }
    public CommendationType Type { get; private set; }
    public Guid? MovementId { get; private set; }
    public Guid? ClusterId { get; private set; }
    public DossierStatus Status { get; private set; } = DossierStatus.Draft;
    /// <summary>The day of the first submission: when the unit nominated (the reports' quarter). A resubmission after a
    /// return completes the same nomination and leaves it as it is.</summary>
    public DateOnly? SubmittedOn { get; private set; }
    /// <summary>The day of the latest receipt: the appraisal's processing limit runs from it.</summary>
    public DateOnly? ReceivedOn { get; private set; }
    /// <summary>While returned: the day to resubmit by.</summary>
    public DateOnly? ResubmitBy { get; private set; }
    public IReadOnlyList<Nominee> Nominees => _nominees;
    public IReadOnlyList<DossierStep> Steps => _steps;
    /// <summary>The council session that takes up (or took up) the dossier, while it is in council review and after.</summary>
    public Guid? CouncilSessionId { get; private set; }
    /// <summary>Counts rewrites, so that the dossier's row — and its version, the ETag — changes when only its nominees do.</summary>
    public int Revision { get; private set; }

    public static Dossier Create(Guid proposingUnitId, int year, string? period, CommendationType type, DossierSource source, IEnumerable<Nominee> nominees)
    {
        var dossier = new Dossier();
        dossier.Describe(proposingUnitId, year, period, type, source, nominees);
        return dossier;
    }

    /// <summary>Replaces what the dossier says. Only while it is the proposing unit's to complete: a draft, or returned.</summary>
    public void Describe(Guid proposingUnitId, int year, string? period, CommendationType type, DossierSource source, IEnumerable<Nominee> nominees)
    {
        if (Status is not (DossierStatus.Draft or DossierStatus.Returned))
            throw new DomainException(Localized.Text($"A dossier that is {Status} can no longer be changed; only a draft or a returned dossier can.",
                $"Hồ sơ đang ở trạng thái {Status} không thể sửa nữa; chỉ sửa được hồ sơ dự thảo hoặc hồ sơ bị trả lại."));
        if (!Years.InRange(year)) throw new DomainException(Years.OutOfRange(year));
        if (!Enum.IsDefined(type)) throw new DomainException(Localized.Text($"Unknown commendation type '{type}'.", $"Loại hình khen thưởng '{type}' không xác định."));
        if (source.MovementId is not null && source.ClusterId is not null)
            throw new DomainException(Localized.Text("A dossier comes from a movement or from a cluster's ranking, not both.", "Hồ sơ xuất phát từ một phong trào thi đua hoặc từ kết quả xếp hạng của một cụm, khối thi đua, không phải cả hai."));
        var list = nominees.ToList();
        for (var i = 0; i < list.Count; i++) list[i].Sequence = i;
        if (list.Count is 0 or > MaxNominees)
            throw new DomainException(Localized.Text($"A dossier names 1 to {MaxNominees} nominees.", $"Hồ sơ đề nghị từ 1 đến {MaxNominees} đối tượng."));
        (ProposingUnitId, Year, Type, MovementId, ClusterId, _nominees) = (proposingUnitId, year, type, source.MovementId, source.ClusterId, list);
        Period = Text.Limit(Text.Clean(period), PeriodMaxLength, Localized.Text("Period", "Kỳ"));
        Revision++;
    }

    /// <summary>Only a draft may be deleted: once submitted, a dossier is part of the record.</summary>
    public void EnsureDeletable()
    {
        if (Status != DossierStatus.Draft)
            throw new DomainException(Localized.Text(
                $"A dossier that is {Status} cannot be deleted; only a draft can.",
                $"Không thể xóa hồ sơ đang ở trạng thái {Status}; chỉ được xóa hồ sơ dự thảo (Draft)."));
    }

    /// <summary>Draft → submitted; a returned dossier, once completed, is submitted again (and received again: the
    /// appraisal's limit runs from the new receipt). The nominees' <paramref name="eligibility"/> is recorded with the
    /// step; a nominee whose rules are not met is still submitted: the council decides.</summary>
    public void Submit(StepRecord record, IReadOnlyList<NomineeEligibility> eligibility)
    {
        Move(DossierStepKind.Submit, record, DossierStatus.Submitted, [DossierStatus.Draft, DossierStatus.Returned], null, eligibility);
        SubmittedOn ??= record.Date;
    }

    public void Receive(StepRecord record)
    {
        Move(DossierStepKind.Receive, record, DossierStatus.Received, DossierStatus.Submitted);
        ReceivedOn = record.Date;
    }

    public void StartAppraisal(StepRecord record) => Move(DossierStepKind.StartAppraisal, record, DossierStatus.UnderAppraisal, DossierStatus.Received);

    /// <summary>Returned for completion (trả lại), with the reason (the record's note) and the day to resubmit by.</summary>
    public void Return(StepRecord record, DateOnly resubmitBy)
    {
        if (Text.Clean(record.Note) is null) throw new DomainException(Localized.Text("A dossier is returned with the reason.", "Hồ sơ bị trả lại phải có lý do."));
        if (resubmitBy < record.Date)
            throw new DomainException(Localized.Text($"The day to resubmit by ({resubmitBy:yyyy-MM-dd}) is before the return ({record.Date:yyyy-MM-dd}).",
                $"Hạn nộp lại ({resubmitBy:yyyy-MM-dd}) sớm hơn ngày trả lại hồ sơ ({record.Date:yyyy-MM-dd})."));
        Move(DossierStepKind.Return, record, DossierStatus.Returned, DossierStatus.Received, DossierStatus.UnderAppraisal, resubmitBy);
        ResubmitBy = resubmitBy;
    }

    /// <summary>Under appraisal → appraised, recording what the eligibility rules answer for each nominee now.</summary>
    public void Appraise(StepRecord record, IReadOnlyList<NomineeEligibility> eligibility) =>
        Move(DossierStepKind.Appraise, record, DossierStatus.Appraised, [DossierStatus.UnderAppraisal], null, eligibility);

    public void ReferToCouncil(StepRecord record) => Move(DossierStepKind.ReferToCouncil, record, DossierStatus.InCouncilReview, DossierStatus.Appraised);

    /// <summary>Listed by a council session: only a dossier in council review, and not one another session took up.</summary>
    public void TakeUpInCouncil(Guid sessionId)
    {
        if (CouncilSessionId == sessionId) return;
        if (Status != DossierStatus.InCouncilReview)
            throw new DomainException(Localized.Text($"Dossier {Id} is {Status}: a council session considers only dossiers in council review.",
                $"Hồ sơ {Id} đang ở trạng thái {Status}: Hội đồng chỉ xét hồ sơ đã trình Hội đồng (InCouncilReview)."));
        if (CouncilSessionId is { } other)
            throw new DomainException(Localized.Text($"Dossier {Id} is taken up by another council session ({other}).",
                $"Hồ sơ {Id} đã thuộc một phiên họp Hội đồng khác ({other})."));
        CouncilSessionId = sessionId;
    }

    /// <summary>Taken off an open session's list: the dossier waits in council review for another session.</summary>
    public void LeaveCouncil(Guid sessionId)
    {
        if (CouncilSessionId == sessionId && _nominees.All(n => n.CouncilOutcome is null)) CouncilSessionId = null;
    }

    /// <summary>The council's outcome for each nominee, as its session concluded: the dossier must still be in council
    /// review (decided or forwarded meanwhile, it is 409: take it off the session first).</summary>
    public void RecordCouncilOutcome(Guid sessionId, IReadOnlyList<CouncilVote> votes)
    {
        if (CouncilSessionId != sessionId || Status != DossierStatus.InCouncilReview)
            throw new DomainException(Localized.Text($"Dossier {Id} is {Status}: the council's outcome is recorded only on a dossier in council review; take it off the session.",
                $"Hồ sơ {Id} đang ở trạng thái {Status}: chỉ ghi kết quả của Hội đồng cho hồ sơ đang trình Hội đồng; hãy bỏ hồ sơ khỏi phiên họp."));
        var byNominee = votes.ToDictionary(v => v.NomineeId);
        foreach (var nominee in _nominees) nominee.RecordCouncilOutcome(byNominee[nominee.Id].Outcome, byNominee[nominee.Id].Reason);
        Revision++;
    }

    /// <summary>Council review → forwarded to a higher level: for a dossier that asks for a state or Government award
    /// (<paramref name="asksHigherAward"/>), which the province proposes but does not decide.</summary>
    public void Forward(StepRecord record, bool asksHigherAward)
    {
        EnsureLegal(DossierStepKind.Forward, DossierStatus.InCouncilReview);
        EnsureCouncilConcluded();
        if (!asksHigherAward) throw new DomainException(Localized.Text(
            "Only a dossier asking for a state or Government award is forwarded to a higher level; the province decides this one.",
            "Chỉ chuyển lên cấp trên hồ sơ đề nghị khen thưởng cấp Nhà nước hoặc Chính phủ; hồ sơ này do tỉnh quyết định."));
        Move(DossierStepKind.Forward, record, DossierStatus.Forwarded, DossierStatus.InCouncilReview);
    }

    /// <summary>The decision, nominee by nominee: from council review for awards the province decides, or — for a
    /// forwarded dossier — the higher level's decision as it came back. Every nominee is decided at once.</summary>
    public void Decide(StepRecord record, IReadOnlyList<NomineeDecision> decisions, bool asksHigherAward)
    {
        EnsureLegal(DossierStepKind.Decide, DossierStatus.InCouncilReview, DossierStatus.Forwarded);
        if (Status == DossierStatus.InCouncilReview) EnsureCouncilConcluded();
        if (Status == DossierStatus.InCouncilReview && asksHigherAward) throw new DomainException(Localized.Text(
            "This dossier asks for a state or Government award: it is forwarded to a higher level, and that level's decision is recorded when it comes back.",
            "Hồ sơ này đề nghị khen thưởng cấp Nhà nước hoặc Chính phủ: phải chuyển lên cấp trên, quyết định của cấp trên được ghi nhận khi có kết quả."));
        var byId = decisions.ToDictionary(d => d.NomineeId);
        if (byId.Count != decisions.Count || _nominees.Count != byId.Count || _nominees.Any(n => !byId.ContainsKey(n.Id)))
            throw new DomainException(Localized.Text("A decision names every nominee of the dossier once.", "Quyết định phải nêu mỗi đối tượng của hồ sơ đúng một lần."));
        foreach (var nominee in _nominees) nominee.Decide(byId[nominee.Id].Outcome, byId[nominee.Id].Reason);
        Move(DossierStepKind.Decide, record, DossierStatus.Decided, DossierStatus.InCouncilReview, DossierStatus.Forwarded);
    }

    /// <summary>A dossier a council session has taken up waits for the session's outcome before the decision or forwarding.</summary>
    private void EnsureCouncilConcluded()
    {
        if (CouncilSessionId is { } session && _nominees.Any(n => n.CouncilOutcome is null))
            throw new DomainException(Localized.Text($"Council session {session} is considering this dossier: record its outcome (conclude the session) or take the dossier off it first.",
                $"Phiên họp Hội đồng {session} đang xét hồ sơ này: phải kết thúc phiên họp (ghi kết quả) hoặc bỏ hồ sơ khỏi phiên họp trước."));
    }

    private void Move(DossierStepKind kind, StepRecord record, DossierStatus to, params DossierStatus[] from) => Move(kind, record, to, from, null);

    private void Move(DossierStepKind kind, StepRecord record, DossierStatus to, DossierStatus from1, DossierStatus from2, DateOnly? resubmitBy) =>
        Move(kind, record, to, [from1, from2], resubmitBy);

    private void Move(DossierStepKind kind, StepRecord record, DossierStatus to, DossierStatus[] from, DateOnly? resubmitBy,
        IReadOnlyList<NomineeEligibility>? eligibility = null)
    {
        EnsureLegal(kind, from);
        if (_steps.Count > 0 && record.Date < _steps[^1].Date)
            throw new DomainException(Localized.Text($"The step's date {record.Date:yyyy-MM-dd} is before the previous step's {_steps[^1].Date:yyyy-MM-dd}.",
                $"Ngày của bước {record.Date:yyyy-MM-dd} sớm hơn ngày của bước trước {_steps[^1].Date:yyyy-MM-dd}."));
        _steps = [.. _steps, new DossierStep(kind, to, record.Date, record.By, record.ByUnitCode,
            Text.Limit(Text.Clean(record.DocumentReference), ReferenceMaxLength, Localized.Text("Document reference", "Số, ký hiệu văn bản")),
            Text.Limit(Text.Clean(record.Note), NoteMaxLength, Localized.Text("Note", "Ghi chú")), resubmitBy, eligibility)];
        Status = to;
        if (to != DossierStatus.Returned) ResubmitBy = null;
    }

    private void EnsureLegal(DossierStepKind kind, params DossierStatus[] from)
    {
        if (!from.Contains(Status)) throw Illegal(kind.ToString(), StepName(kind));
    }

    private DomainException Illegal(string step, string vietnameseStep) => new(Localized.Text(
        $"A dossier that is {Status} cannot take the step {step}.",
        $"Hồ sơ đang ở trạng thái {Status} không thể thực hiện bước {vietnameseStep} ({step})."));

    private static string StepName(DossierStepKind kind) => kind switch
    {
        DossierStepKind.Submit => "nộp hồ sơ",
        DossierStepKind.Receive => "tiếp nhận",
        DossierStepKind.StartAppraisal => "bắt đầu thẩm định",
        DossierStepKind.Return => "trả lại để hoàn thiện",
        DossierStepKind.Appraise => "hoàn thành thẩm định",
        DossierStepKind.ReferToCouncil => "trình Hội đồng xét",
        DossierStepKind.Forward => "chuyển cấp trên",
        _ => "quyết định",
    };
}

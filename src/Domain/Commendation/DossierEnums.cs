namespace EmulationApi.Domain.Commendation;

/// <summary>
/// A nomination dossier's lifecycle (hồ sơ đề nghị khen thưởng): draft → submitted → received → under appraisal
/// (thẩm định) ⇄ returned for completion (trả lại) → appraised → council review (Hội đồng xét) → decided, or forwarded to a
/// higher level (state awards) → decided when its decision comes back. A returned dossier is completed and submitted again.
/// </summary>
public enum DossierStatus
{
    Draft,
    Submitted,
    Received,
    UnderAppraisal,
    Returned,
    Appraised,
    InCouncilReview,
    Forwarded,
    Decided,
}

/// <summary>The steps a dossier takes, each with who, when and the document.</summary>
public enum DossierStepKind
{
    Submit,
    Receive,
    StartAppraisal,
    Return,
    Appraise,
    ReferToCouncil,
    Forward,
    Decide,
}

/// <summary>Who is nominated: a unit of the registry, a small collective inside one (tập thể nhỏ), or a person.</summary>
public enum NomineeKind
{
    Unit,
    SmallCollective,
    Individual,
}

/// <summary>What a small collective (tập thể nhỏ) is.</summary>
public enum SmallCollectiveKind
{
    /// <summary>Tổ, đội, phòng, ban.</summary>
    Team,
    /// <summary>Trường học.</summary>
    School,
    /// <summary>Thôn, khu phố, tổ dân phố.</summary>
    Village,
    Other,
}

/// <summary>
/// A person's category, the one the 2026 plan asks commendation to favour ("Chú trọng khen thưởng tập thể nhỏ, công nhân,
/// nông dân, người lao động trực tiếp sản xuất", line 32 of the seed plan).
/// </summary>
public enum NomineeCategory
{
    /// <summary>Công nhân, người lao động trực tiếp sản xuất, công tác.</summary>
    DirectWorker,
    /// <summary>Nông dân.</summary>
    Farmer,
    /// <summary>Lãnh đạo, quản lý.</summary>
    LeaderManager,
    Other,
}

/// <summary>The decision on one nominee.</summary>
public enum NomineeOutcome
{
    Approved,
    NotApproved,
}

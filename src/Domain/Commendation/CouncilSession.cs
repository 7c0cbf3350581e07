using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>Whether a council session is still being recorded or is concluded (then read-only).</summary>
public enum CouncilSessionStatus
{
    Open,
    Concluded,
}

/// <summary>A regular session or one called for a particular matter.</summary>
public enum CouncilSessionKind
{
    Regular,
    Extraordinary,
}

/// <summary>A member's place in the council at the session.</summary>
public enum CouncilRole
{
    Chair,
    ViceChair,
    Member,
    Secretary,
}

/// <summary>What the council recommends for one nominee.</summary>
public enum CouncilOutcome
{
    Recommended,
    NotRecommended,
}

/// <summary>A member present at the session: the name and the place in the council — no identity numbers.</summary>
public sealed record CouncilMember(string Name, CouncilRole Role);

/// <summary>The vote on one nominee: how many members present voted for, against or abstained, and the council's outcome
/// (with the reason when not recommended). How votes make the outcome is the council's rule, not the API's: the outcome
/// is recorded as the council states it.</summary>
public sealed record CouncilVote(Guid NomineeId, int For, int Against, int Abstain, CouncilOutcome Outcome, string? Reason);

/// <summary>What describes a session: the day, optionally the place and kind, the members present, the minutes.</summary>
public sealed record CouncilSessionDetails(DateOnly HeldOn, string? Place, CouncilSessionKind? Kind, IReadOnlyList<CouncilMember> Members,
    string? MinutesReference);

/// <summary>
/// A session of the provincial emulation and commendation council (phiên họp Hội đồng Thi đua – Khen thưởng tỉnh): its
/// day, place and kind, the members present, the votes and outcome per nominee of the dossiers it considers (which
/// dossiers those are, the dossiers record: <see cref="Dossier.CouncilSessionId"/>), the minutes, and whether it has
/// published its nominees. Open while being recorded; once concluded it is read-only.
/// </summary>
public sealed class CouncilSession : Entity
{
    public const int PlaceMaxLength = 300;
    public const int MemberNameMaxLength = 200;
    public const int MaxMembers = 100;
    public const int MinutesMaxLength = 500;
    public const int ReasonMaxLength = 2000;

    private List<CouncilMember> _members = [];
    private List<CouncilVote> _votes = [];

    private CouncilSession() { }

    public DateOnly HeldOn { get; private set; }
    public string? Place { get; private set; }
    public CouncilSessionKind? Kind { get; private set; }
    public IReadOnlyList<CouncilMember> Members => _members;
    /// <summary>The minutes (biên bản) of the session: its number or reference.</summary>
    public string? MinutesReference { get; private set; }
    public CouncilSessionStatus Status { get; private set; } = CouncilSessionStatus.Open;
    public IReadOnlyList<CouncilVote> Votes => _votes;
    /// <summary>The day the council published its nominees (công khai), if it has.</summary>
    public DateOnly? PublishedOn { get; private set; }
    /// <summary>Counts writes, so that the row — and its version, the ETag — changes when only the list of dossiers does.</summary>
    public int Revision { get; private set; }

    public static CouncilSession Create(CouncilSessionDetails details)
    {
        var session = new CouncilSession();
        session.Describe(details);
        return session;
    }

    /// <summary>Replaces the day, place, kind, members and minutes; the votes already recorded must still fit the members present.</summary>
    public void Describe(CouncilSessionDetails details)
    {
        EnsureOpen();
        if (!Years.InRange(details.HeldOn.Year)) throw new DomainException(Years.OutOfRange(details.HeldOn.Year));
        if (details.Members.Count is 0 or > MaxMembers)
            throw new DomainException(Localized.Text($"A session has 1 to {MaxMembers} members present.", $"Phiên họp có từ 1 đến {MaxMembers} thành viên dự họp."));
        var members = details.Members.Select(m => new CouncilMember(
            Text.Limit(Text.Required(m.Name, Localized.Text("Member's name", "Họ tên thành viên")), MemberNameMaxLength, Localized.Text("Member's name", "Họ tên thành viên")),
            Enum.IsDefined(m.Role) ? m.Role : throw new DomainException(Localized.Text($"Unknown council role '{m.Role}'.", $"Vai trò '{m.Role}' không xác định.")))).ToList();
        if (members.Count(m => m.Role == CouncilRole.Chair) > 1)
            throw new DomainException(Localized.Text("A session has one chair at most.", "Phiên họp có nhiều nhất một người chủ trì (Chủ tịch Hội đồng)."));
        EnsureVotesFit(_votes, members.Count);
        (HeldOn, Kind, _members) = (details.HeldOn, details.Kind, members);
        Place = Text.Limit(Text.Clean(details.Place), PlaceMaxLength, Localized.Text("Place", "Địa điểm"));
        MinutesReference = Text.Limit(Text.Clean(details.MinutesReference), MinutesMaxLength, Localized.Text("Minutes", "Biên bản"));
        Revision++;
    }

    /// <summary>Records (or replaces) the votes on the nominees given; every one must be a nominee of a dossier the session
    /// considers (<paramref name="considered"/>), and no vote may count more members than are present.</summary>
    public void RecordVotes(IReadOnlyList<CouncilVote> votes, IReadOnlySet<Guid> considered)
    {
        EnsureOpen();
        if (votes.Select(v => v.NomineeId).Distinct().Count() != votes.Count)
            throw new DomainException(Localized.Text("Each nominee is voted on once.", "Mỗi đối tượng chỉ được biểu quyết một lần."));
        if (votes.FirstOrDefault(v => !considered.Contains(v.NomineeId)) is { } stray)
            throw new DomainException(Localized.Text($"Nominee {stray.NomineeId} is not in a dossier this session considers.", $"Đối tượng {stray.NomineeId} không thuộc hồ sơ nào phiên họp này xét."));
        var clean = votes.Select(v => v with { Reason = Text.Limit(Text.Clean(v.Reason), ReasonMaxLength, Localized.Text("Reason", "Lý do")) }).ToList();
        if (clean.Any(v => v.Outcome == CouncilOutcome.NotRecommended && v.Reason is null))
            throw new DomainException(Localized.Text("A nominee the council does not recommend is given the reason.", "Đối tượng Hội đồng không đề nghị phải có lý do."));
        EnsureVotesFit(clean, _members.Count);
        var given = clean.Select(v => v.NomineeId).ToHashSet();
        _votes = [.. _votes.Where(v => !given.Contains(v.NomineeId)), .. clean];
        Revision++;
    }

    /// <summary>Drops the votes on nominees no longer considered (their dossier left the session).</summary>
    public void KeepVotesOf(IReadOnlySet<Guid> considered)
    {
        EnsureOpen();
        _votes = [.. _votes.Where(v => considered.Contains(v.NomineeId))];
    }

    /// <summary>Open → concluded: the session considered a dossier, every nominee of the dossiers considered has its vote,
    /// and the minutes are named. Returns the votes, for the dossiers to record the council's outcome.</summary>
    public IReadOnlyList<CouncilVote> Conclude(IReadOnlySet<Guid> considered, string? minutesReference)
    {
        EnsureOpen();
        if (considered.Count == 0)
            throw new DomainException(Localized.Text("A session that considered no dossier cannot be concluded.", "Phiên họp chưa xét hồ sơ nào thì không thể kết thúc."));
        var missing = considered.Where(id => _votes.All(v => v.NomineeId != id)).ToList();
        if (missing.Count > 0)
            throw new DomainException(Localized.Text($"Every nominee considered has its vote; missing: {string.Join(", ", missing)}.",
                $"Mọi đối tượng được xét phải có kết quả biểu quyết; còn thiếu: {string.Join(", ", missing)}."));
        MinutesReference = Text.Limit(Text.Clean(minutesReference), MinutesMaxLength, Localized.Text("Minutes", "Biên bản")) ?? MinutesReference
            ?? throw new DomainException(Localized.Text("A session is concluded with its minutes.", "Kết thúc phiên họp phải có biên bản."));
        Status = CouncilSessionStatus.Concluded;
        Revision++;
        return _votes;
    }

    /// <summary>Publishes the session's nominees (công khai) on <paramref name="on"/>; once only. Allowed open or concluded:
    /// publishing changes nothing the session records.</summary>
    public void Publish(DateOnly on)
    {
        if (PublishedOn is not null)
            throw new DomainException(Localized.Text($"The session's nominees were published on {PublishedOn:yyyy-MM-dd}.", $"Danh sách đối tượng của phiên họp đã được công khai ngày {PublishedOn:yyyy-MM-dd}."));
        if (on < HeldOn)
            throw new DomainException(Localized.Text($"The nominees cannot be published ({on:yyyy-MM-dd}) before the session ({HeldOn:yyyy-MM-dd}).",
                $"Không thể công khai ({on:yyyy-MM-dd}) trước ngày họp ({HeldOn:yyyy-MM-dd})."));
        PublishedOn = on;
        Revision++;
    }

    public void EnsureOpen()
    {
        if (Status != CouncilSessionStatus.Open)
            throw new DomainException(Localized.Text("The session is concluded: it can no longer be changed.", "Phiên họp đã kết thúc: không thể thay đổi nữa."));
    }

    private static void EnsureVotesFit(IEnumerable<CouncilVote> votes, int present)
    {
        if (votes.FirstOrDefault(v => v.For < 0 || v.Against < 0 || v.Abstain < 0 || v.For + v.Against + v.Abstain > present) is { } bad)
            throw new DomainException(Localized.Text(
                $"The vote on nominee {bad.NomineeId} counts {bad.For + bad.Against + bad.Abstain} members (none negative), more than the {present} present.",
                $"Kết quả biểu quyết đối tượng {bad.NomineeId} tính {bad.For + bad.Against + bad.Abstain} thành viên, nhiều hơn số {present} thành viên dự họp (hoặc có số âm)."));
    }
}

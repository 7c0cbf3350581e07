using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>What a nominee is and where: its kind, the registry unit (the unit itself, the unit a small collective belongs
/// to, or a person's unit), the name (a small collective's or a person's), and for a small collective its kind, for a
/// person the position and category.</summary>
public sealed record NomineeIdentity(NomineeKind Kind, Guid UnitId, string? Name = null, SmallCollectiveKind? CollectiveKind = null,
    string? Position = null, NomineeCategory? Category = null);

/// <summary>One nominee of a dossier: who, the award asked for, the achievements, and once decided the outcome.</summary>
public sealed class Nominee
{
    public const int NameMaxLength = 300;
    public const int PositionMaxLength = 300;
    public const int AchievementsMaxLength = 20000;
    public const int ReasonMaxLength = 2000;

    private Nominee() { Achievements = null!; }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    /// <summary>The nominee's place in the dossier (0-based), as the request listed it.</summary>
    public int Sequence { get; internal set; }
    public NomineeKind Kind { get; private set; }
    /// <summary>The registry unit: the nominee itself (Unit), its parent (SmallCollective), the person's unit (Individual).</summary>
    public Guid UnitId { get; private set; }
    public string? Name { get; private set; }
    public SmallCollectiveKind? CollectiveKind { get; private set; }
    public string? Position { get; private set; }
    public NomineeCategory? Category { get; private set; }
    /// <summary>The title or form asked for (the catalog's <see cref="Award"/>).</summary>
    public Guid AwardId { get; private set; }
    public string Achievements { get; private set; }
    /// <summary>What the council recommended, once its session concluded (the decision may differ: both are kept).</summary>
    public CouncilOutcome? CouncilOutcome { get; private set; }
    public string? CouncilReason { get; private set; }
    public NomineeOutcome? Outcome { get; private set; }
    public string? OutcomeReason { get; private set; }

    /// <summary>A nominee; the kind's fields are required (a small collective's name and kind, a person's name and
    /// category) and the other kinds' fields refused. Whether the award suits the nominee is checked against the catalog
    /// by the use case, which knows the award.</summary>
    public static Nominee Create(NomineeIdentity who, Guid awardId, string achievements)
    {
        if (!Enum.IsDefined(who.Kind)) throw new DomainException(Localized.Text($"Unknown nominee kind '{who.Kind}'.", $"Loại đối tượng đề nghị '{who.Kind}' không xác định."));
        var name = Text.Limit(Text.Clean(who.Name), NameMaxLength, Localized.Text("Name", "Tên"));
        var position = Text.Limit(Text.Clean(who.Position), PositionMaxLength, Localized.Text("Position", "Chức vụ"));
        var ok = who.Kind switch
        {
            NomineeKind.Unit => name is null && who.CollectiveKind is null && who.Category is null && position is null,
            NomineeKind.SmallCollective => name is not null && who.CollectiveKind is not null && who.Category is null && position is null,
            _ => name is not null && who.Category is not null && who.CollectiveKind is null,
        };
        if (!ok) throw new DomainException(Localized.Text(
            "A unit nominee has only its unit; a small collective has a name, a kind and its unit; a person has a name, a category, a unit and optionally a position.",
            "Tập thể là đơn vị chỉ có mã đơn vị; tập thể nhỏ có tên, loại và đơn vị; cá nhân có họ tên, đối tượng, đơn vị và có thể có chức vụ."));
        return new Nominee
        {
            Kind = who.Kind, UnitId = who.UnitId, Name = name, CollectiveKind = who.CollectiveKind,
            Position = position,
            Category = who.Category, AwardId = awardId,
            Achievements = Text.Limit(Text.Required(achievements, Localized.Text("Achievements", "Thành tích")), AchievementsMaxLength, Localized.Text("Achievements", "Thành tích")),
        };
    }

    /// <summary>Whether the nominee is a collective (a unit or a small collective) rather than a person.</summary>
    public static bool IsCollective(NomineeKind kind) => kind != NomineeKind.Individual;

    internal void RecordCouncilOutcome(CouncilOutcome outcome, string? reason) => (CouncilOutcome, CouncilReason) = (outcome, reason);

    internal void Decide(NomineeOutcome outcome, string? reason)
    {
        var clean = Text.Limit(Text.Clean(reason), ReasonMaxLength, Localized.Text("Reason", "Lý do"));
        if (outcome == NomineeOutcome.NotApproved && clean is null)
            throw new DomainException(Localized.Text("A nominee not approved is given the reason.", "Đối tượng không được khen thưởng phải có lý do."));
        (Outcome, OutcomeReason) = (outcome, clean);
    }
}

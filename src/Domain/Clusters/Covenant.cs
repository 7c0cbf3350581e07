using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Clusters;

/// <summary>
/// A criterion of a covenant: a stable id (scores refer to it), a short code unique in the covenant (e.g. "TC1"), its
/// name, its maximum points and how its points count.
/// </summary>
public sealed record CovenantCriterion(Guid Id, string Code, string Name, decimal MaxPoints, CriterionKind Kind);

/// <summary>A criterion as drafted: the id of a criterion it keeps (null for a new one) and its code (null: derived).</summary>
public sealed record CriterionDraft(Guid? Id, string? Code, string Name, decimal MaxPoints, CriterionKind Kind);

/// <summary>A member's points on one criterion.</summary>
public sealed class MemberScore
{
    private MemberScore() { }

    public Guid CovenantId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CriterionId { get; private set; }
    public decimal Points { get; private set; }
    /// <summary>Standard and bonus points add, penalty points subtract; kept on the row so totals are one SUM.</summary>
    public decimal SignedPoints { get; private set; }
    public CriterionKind Kind { get; private set; }

    internal static MemberScore Of(Guid covenantId, Guid unitId, CovenantCriterion criterion, decimal points) =>
        new()
        {
            CovenantId = covenantId, UnitId = unitId, CriterionId = criterion.Id, Points = points, Kind = criterion.Kind,
            SignedPoints = criterion.Kind == CriterionKind.Penalty ? -points : points,
        };

    internal void Set(CovenantCriterion criterion, decimal points) =>
        (Points, SignedPoints) = (points, criterion.Kind == CriterionKind.Penalty ? -points : points);
}

/// <summary>
/// The emulation covenant (giao ước thi đua) of a cluster for its year: criteria, then signing by the members, then
/// year-end scores per member and criterion, correctable until the evaluation is published.
/// </summary>
public sealed class Covenant : Entity
{
    public const int MaxCriteria = 100;
    public const decimal MaxPointsLimit = 10_000m;
    public const int CodeMaxLength = 20;
    /// <summary>A derived code is this prefix (tiêu chí) and the criterion's position, 1-based.</summary>
    public const string DerivedCodePrefix = "TC";

    private List<CovenantCriterion> _criteria = [];
    private List<Guid> _signatories = [];
    private List<MemberScore> _scores = [];

    private Covenant() { }

    public Guid ClusterId { get; private set; }
    public CovenantStatus Status { get; private set; } = CovenantStatus.Draft;
    public IReadOnlyList<CovenantCriterion> Criteria => _criteria;
    public DateOnly? SignedOn { get; private set; }
    public IReadOnlyList<Guid> Signatories => _signatories;
    public IReadOnlyList<MemberScore> Scores => _scores;
    public DateOnly? EvaluatedOn { get; private set; }

    public static Covenant Draft(Cluster cluster, IEnumerable<CriterionDraft> criteria)
    {
        var covenant = new Covenant { ClusterId = cluster.Id };
        covenant.SetCriteria(criteria);
        return covenant;
    }

    /// <summary>
    /// Replaces the criteria of a draft. A criterion given with an id keeps it (it must be one of this covenant's); one
    /// without gets a new id. A criterion without a code is given the first free "TC{n}", n counting from its position.
    /// </summary>
    public void SetCriteria(IEnumerable<CriterionDraft> criteria)
    {
        if (Status != CovenantStatus.Draft) throw new DomainException(Localized.Text("The covenant is signed; its criteria are fixed.", "Giao ước thi đua đã được ký; các tiêu chí không thể thay đổi."));
        var drafts = criteria.Select(c => c with { Name = Text.Required(c.Name, Localized.Text("A criterion's name", "Tên tiêu chí")), Code = Text.Clean(c.Code) }).ToList();
        if (drafts.Count == 0) throw new DomainException(Localized.Text("A covenant needs at least one criterion.", "Giao ước thi đua phải có ít nhất một tiêu chí."));
        if (drafts.Count > MaxCriteria) throw new DomainException(Localized.Text($"A covenant has at most {MaxCriteria} criteria.", $"Giao ước thi đua có tối đa {MaxCriteria} tiêu chí."));
        if (drafts.Any(c => c.MaxPoints is <= 0 or > MaxPointsLimit)) throw new DomainException(Localized.Text($"A criterion's maximum is above 0 and at most {MaxPointsLimit}.", $"Điểm tối đa của một tiêu chí phải lớn hơn 0 và không quá {MaxPointsLimit}."));
        if (drafts.Any(c => !Enum.IsDefined(c.Kind))) throw new DomainException(Localized.Text("Unknown criterion kind.", "Loại tiêu chí không xác định."));
        if (drafts.Any(c => c.Code is { Length: > CodeMaxLength })) throw new DomainException(Localized.Text($"A criterion's code is at most {CodeMaxLength} characters.", $"Mã tiêu chí dài tối đa {CodeMaxLength} ký tự."));
        if (drafts.GroupBy(c => NameKey.Of(c.Name), StringComparer.Ordinal).Any(g => g.Count() > 1)) throw new DomainException(Localized.Text("Two criteria have the same name.", "Có hai tiêu chí trùng tên."));
        if (drafts.Where(c => c.Code is not null).GroupBy(c => CodeKey(c.Code!), StringComparer.Ordinal).Any(g => g.Count() > 1)) throw new DomainException(Localized.Text("Two criteria have the same code.", "Có hai tiêu chí trùng mã."));
        if (drafts.Any(c => c.Id is { } id && _criteria.All(k => k.Id != id))) throw new DomainException(Localized.Text("A criterion id is not one of this covenant's criteria.", "Có id tiêu chí không thuộc các tiêu chí của giao ước thi đua này."));
        if (drafts.Where(c => c.Id is not null).GroupBy(c => c.Id).Any(g => g.Count() > 1)) throw new DomainException(Localized.Text("A criterion is listed twice.", "Có tiêu chí được liệt kê hai lần."));

        var taken = drafts.Where(c => c.Code is not null).Select(c => CodeKey(c.Code!)).ToHashSet(StringComparer.Ordinal);
        _criteria = drafts.Select((c, i) => new CovenantCriterion(c.Id ?? Guid.CreateVersion7(), c.Code ?? FreeCode(i + 1, taken), c.Name, c.MaxPoints, c.Kind)).ToList();
    }

    /// <summary>How codes compare: without regard to case.</summary>
    public static string CodeKey(string code) => code.Trim().ToUpperInvariant();

    private static string FreeCode(int position, HashSet<string> taken)
    {
        for (var n = position; ; n++)
        {
            var code = DerivedCodePrefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(CodeKey(code))) return code;
        }
    }

    /// <summary>
    /// The covenant's shape for the cluster of the next year: the same criteria (codes, names, maxima, kinds) with new
    /// ids, as a draft to amend and sign; signatories and scores stay with this year.
    /// </summary>
    public Covenant DraftFor(Cluster next) =>
        Draft(next, _criteria.Select(c => new CriterionDraft(null, c.Code, c.Name, c.MaxPoints, c.Kind)));

    /// <summary>Ký kết: the members sign. Needs a leader; every signatory must be a member (default: all members).</summary>
    public void Sign(Cluster cluster, DateOnly signedOn, IReadOnlyCollection<Guid>? signatories)
    {
        CheckCluster(cluster);
        if (Status != CovenantStatus.Draft) throw new DomainException(Localized.Text("The covenant is already signed.", "Giao ước thi đua đã được ký."));
        if (cluster.LeaderId is null) throw new DomainException(Localized.Text("The cluster has no leader to sign the covenant.", "Cụm, khối thi đua chưa có Cụm trưởng, Khối trưởng để ký giao ước thi đua."));
        var list = (signatories is { Count: > 0 } ? signatories : cluster.Members.Select(m => m.UnitId)).Distinct().ToList();
        if (list.Any(id => cluster.Members.All(m => m.UnitId != id))) throw new DomainException(Localized.Text("Every signatory must be a member of the cluster.", "Mọi đơn vị ký giao ước phải là thành viên của cụm, khối thi đua."));
        (Status, SignedOn, _signatories) = (CovenantStatus.Signed, signedOn, list);
    }

    /// <summary>Sets a member's points on criteria (by id). Only after signing and until the evaluation is published.</summary>
    public void Score(Cluster cluster, Guid unitId, IEnumerable<(Guid CriterionId, decimal Points)> points)
    {
        CheckCluster(cluster);
        EnsureScorable();
        if (cluster.Members.All(m => m.UnitId != unitId)) throw new DomainException(Localized.Text("Only members of the cluster are scored.", "Chỉ chấm điểm các đơn vị thành viên của cụm, khối thi đua."));
        foreach (var (criterionId, value) in points)
        {
            var criterion = _criteria.FirstOrDefault(c => c.Id == criterionId) ?? throw new DomainException(Localized.Text($"The covenant has no criterion {criterionId}.", $"Giao ước thi đua không có tiêu chí {criterionId}."));
            if (value < 0 || value > criterion.MaxPoints)
                throw new DomainException(Localized.Text($"'{criterion.Name}' takes 0 to {criterion.MaxPoints} points; {value} is outside.", $"Tiêu chí '{criterion.Name}' được chấm từ 0 đến {criterion.MaxPoints} điểm; {value} nằm ngoài khoảng này."));
            if (_scores.FirstOrDefault(s => s.UnitId == unitId && s.CriterionId == criterionId) is { } existing) existing.Set(criterion, value);
            else _scores.Add(MemberScore.Of(Id, unitId, criterion, value));
        }
    }

    /// <summary>Scores are recorded once the covenant is signed and until its evaluation is published.</summary>
    public void EnsureScorable()
    {
        if (Status == CovenantStatus.Draft) throw new DomainException(Localized.Text("Scores are recorded once the covenant is signed.", "Chỉ ghi điểm sau khi giao ước thi đua đã được ký."));
        if (Status == CovenantStatus.Evaluated) throw new DomainException(Localized.Text("The evaluation is published; its scores can no longer change.", "Kết quả chấm điểm đã được công bố; không thể thay đổi điểm nữa."));
    }

    /// <summary>Publishes the evaluation: the scores become immutable.</summary>
    public void Publish(DateOnly on)
    {
        if (Status != CovenantStatus.Signed) throw new DomainException(Status == CovenantStatus.Draft
            ? Localized.Text("The covenant is not signed yet.", "Giao ước thi đua chưa được ký.")
            : Localized.Text("The evaluation is already published.", "Kết quả chấm điểm đã được công bố."));
        if (_scores.Count == 0) throw new DomainException(Localized.Text("No member has been scored yet.", "Chưa có đơn vị thành viên nào được chấm điểm."));
        (Status, EvaluatedOn) = (CovenantStatus.Evaluated, on);
    }

    private void CheckCluster(Cluster cluster)
    {
        if (cluster.Id != ClusterId) throw new InvalidOperationException("The cluster given is not this covenant's.");
    }
}

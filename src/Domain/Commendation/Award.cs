using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>
/// A catalog entry: an emulation title or a commendation form, who may receive it, who grants it, the commendation
/// types it may be given under and the reward coefficient where the law sets one (× the base salary in force on the
/// decision date). Reference data: loaded by the seed, edited by admins, never deleted once a dossier or the register
/// names it.
/// </summary>
public sealed class Award : Entity
{
    public const int CodeMaxLength = 32;
    /// <summary>A code is written as a unit's is (<see cref="Codes"/>): it stands alone in a URL path.</summary>
    public const string CodePattern = Codes.Pattern;
    public const int NameMaxLength = 300;
    public const int CitationMaxLength = 500;

    private List<CommendationType> _types = [];

    private Award() { Code = null!; Name = null!; }

    /// <summary>A short stable code (e.g. "BK-UBND"), unique; what clients and the rules refer to.</summary>
    public string Code { get; private set; }
    /// <summary>The Vietnamese name as the law writes it.</summary>
    public string Name { get; private set; }
    public AwardCategory Category { get; private set; }
    public AwardRecipient Recipient { get; private set; }
    public GrantingLevel Level { get; private set; }
    /// <summary>The commendation types it may be given under.</summary>
    public IReadOnlyList<CommendationType> Types => _types;
    /// <summary>The reward coefficient (hệ số) × base salary, where the law sets one; null otherwise.</summary>
    public decimal? RewardCoefficient { get; private set; }
    /// <summary>The article that establishes it (e.g. "Điều 72 Luật Thi đua, khen thưởng 2022").</summary>
    public string? LegalBasis { get; private set; }
    /// <summary>Loaded from the law by the seed (not created by an admin): kept even when unused.</summary>
    public bool FromLaw { get; private set; }

    public static Award Create(string code, string name, AwardCategory category, AwardRecipient recipient, GrantingLevel level)
    {
        var award = new Award();
        award.Describe(code, name, category, recipient, level, [], null, null);
        return award;
    }

    /// <summary>Marks an entry the seed loads from the law: it is never deleted.</summary>
    public void DefinedByLaw() => FromLaw = true;

    /// <summary>Only an admin-created entry may be deleted (whether it is in use is the caller's check).</summary>
    public void EnsureDeletable()
    {
        if (FromLaw) throw new DomainException(Localized.Text(
            $"'{Code}' is defined by the law (loaded by the seed); it can be edited, not deleted.",
            $"'{Code}' do pháp luật quy định (nạp khi khởi tạo dữ liệu); chỉ được sửa, không được xóa."));
    }

    /// <summary>Replaces the description; the code is checked here, its uniqueness by the database.</summary>
    public void Describe(string code, string name, AwardCategory category, AwardRecipient recipient, GrantingLevel level,
        IEnumerable<CommendationType> types, decimal? rewardCoefficient, string? legalBasis)
    {
        if (!Enum.IsDefined(category)) throw new DomainException(Localized.Text($"Unknown category '{category}'.", $"Loại '{category}' không xác định."));
        if (!Enum.IsDefined(recipient)) throw new DomainException(Localized.Text($"Unknown recipient '{recipient}'.", $"Đối tượng '{recipient}' không xác định."));
        if (!Enum.IsDefined(level)) throw new DomainException(Localized.Text($"Unknown granting level '{level}'.", $"Cấp khen thưởng '{level}' không xác định."));
        var typeList = types.Distinct().ToList();
        if (typeList.Any(t => !Enum.IsDefined(t))) throw new DomainException(Localized.Text("Unknown commendation type.", "Loại hình khen thưởng không xác định."));
        if (rewardCoefficient is < 0 or > 1000) throw new DomainException(Localized.Text("The reward coefficient is between 0 and 1000.", "Hệ số tiền thưởng phải từ 0 đến 1000."));
        Code = Text.Limit(Text.Required(code, Localized.Text("An award's code", "Mã danh hiệu, hình thức")), CodeMaxLength, Localized.Text("Code", "Mã"));
        if (!Codes.Follow(Code))
            throw new DomainException(Localized.Text(
                $"The code '{Code}' holds letters, digits, '.', '_' and '-', starting with a letter or digit.",
                $"Mã '{Code}' chỉ gồm chữ cái, chữ số, '.', '_' và '-', bắt đầu bằng chữ cái hoặc chữ số."));
        Name = Text.Limit(Text.Required(name, Localized.Text("An award's name", "Tên danh hiệu, hình thức")), NameMaxLength, Localized.Text("Name", "Tên"));
        (Category, Recipient, Level, _types, RewardCoefficient) = (category, recipient, level, typeList, rewardCoefficient);
        LegalBasis = Text.Limit(Text.Clean(legalBasis), CitationMaxLength, Localized.Text("Legal basis", "Căn cứ pháp lý"));
    }
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Units;

/// <summary>An organisation (đơn vị, cơ quan, địa phương) that plans, tasks, movements and clusters refer to.</summary>
public sealed class Unit : Entity
{
    public const int CodeMaxLength = 50;
    public const int NameMaxLength = 300;
    public const int ShortNameMaxLength = 100;
    public const int DocumentExchangeIdMaxLength = 100;
    public const int AliasMaxLength = 300;
    public const int MaxAliases = 50;
    public const string CodePattern = Codes.Pattern;

    private List<string> _aliases = [];

    private Unit() { Code = null!; Name = null!; }

    /// <summary>Stable key used by scripts; unique without regard to case.</summary>
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? ShortName { get; private set; }
    public UnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    /// <summary>The parent unit, for queries; set through <see cref="MoveUnder"/>.</summary>
    public Unit? Parent { get; private set; }
    /// <summary>Id in the provincial electronic document-exchange system (trục liên thông văn bản).</summary>
    public string? DocumentExchangeId { get; private set; }
    /// <summary>Other spellings met in documents, used to resolve names.</summary>
    public IReadOnlyList<string> Aliases => _aliases;
    public bool IsActive { get; private set; } = true;
    /// <summary>The unit this one was merged into (sáp nhập); it takes over this unit's open obligations.</summary>
    public Guid? SuccessorId { get; private set; }
    /// <summary>The successor, for queries.</summary>
    public Unit? Successor { get; private set; }
    public DateOnly? MergedOn { get; private set; }

    public static bool IsValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= CodeMaxLength && Codes.Follow(code);

    public static Unit Create(string code, string name, UnitKind kind, string? shortName = null,
        Guid? parentId = null, string? documentExchangeId = null, IEnumerable<string>? aliases = null)
    {
        var trimmed = code?.Trim();
        if (!IsValidCode(trimmed))
            throw new DomainException(Localized.Text(
                $"Unit code '{code}' is not valid: 1–{CodeMaxLength} letters, digits, '.', '-' or '_'.",
                $"Mã đơn vị '{code}' không hợp lệ: gồm 1–{CodeMaxLength} chữ cái, chữ số, '.', '-' hoặc '_'."));
        var unit = new Unit { Code = trimmed!, Name = "" };
        unit.Describe(name, kind, shortName, documentExchangeId, aliases);
        unit.MoveUnder(parentId);
        return unit;
    }

    /// <summary>Replaces the descriptive fields (everything but the code, the parent and the active flag).</summary>
    public void Describe(string name, UnitKind kind, string? shortName, string? documentExchangeId, IEnumerable<string>? aliases)
    {
        // Everything is checked before anything changes, so a refused description leaves the unit as it was.
        if (!Enum.IsDefined(kind)) throw new DomainException(Localized.Text($"Unknown unit kind '{kind}'.", $"Loại đơn vị '{kind}' không xác định."));
        var nameLabel = Localized.Text("Unit name", "Tên đơn vị");
        var newName = Text.Limit(Text.Required(name, nameLabel), NameMaxLength, nameLabel);
        var newShortName = Text.Limit(Text.Clean(shortName), ShortNameMaxLength, Localized.Text("Short name", "Tên viết tắt"));
        var newDocumentExchangeId = Text.Limit(Text.Clean(documentExchangeId), DocumentExchangeIdMaxLength, Localized.Text("Document exchange id", "Mã định danh trên trục liên thông văn bản"));
        var cleaned = CleanAliases(aliases);
        if (cleaned.Count > MaxAliases) throw new DomainException(Localized.Text($"A unit has at most {MaxAliases} aliases.", $"Mỗi đơn vị có tối đa {MaxAliases} tên gọi khác."));
        (Name, ShortName, DocumentExchangeId, Kind, _aliases) = (newName, newShortName, newDocumentExchangeId, kind, [.. cleaned]);
    }

    /// <summary>Places the unit under a parent (or at the top). Cycles through other units are checked by the caller, which can see the tree.</summary>
    public void MoveUnder(Guid? parentId)
    {
        if (parentId == Id) throw new DomainException(Localized.Text("A unit cannot be its own parent.", "Đơn vị không thể là đơn vị cấp trên của chính mình."));
        ParentId = parentId;
    }

    /// <summary>
    /// Sáp nhập: the unit is merged into <paramref name="successor"/> and stops acting on its own (it becomes inactive);
    /// the registry records the successor, which takes over its open obligations.
    /// </summary>
    public void MergeInto(Unit successor, DateOnly on)
    {
        if (successor.Id == Id) throw new DomainException(Localized.Text("A unit cannot be merged into itself.", "Không thể hợp nhất đơn vị vào chính nó."));
        if (!IsActive) throw new DomainException(Localized.Text(
            $"Unit '{Code}' is inactive; only an active unit can be merged into another.",
            $"Đơn vị '{Code}' đã ngừng hoạt động; chỉ đơn vị đang hoạt động mới được hợp nhất vào đơn vị khác."));
        if (!successor.IsActive) throw new DomainException(Localized.Text(
            $"Unit '{successor.Code}' is inactive; a unit can only be merged into an active one.",
            $"Đơn vị '{successor.Code}' đã ngừng hoạt động; chỉ được hợp nhất vào đơn vị đang hoạt động."));
        if (successor.SuccessorId == Id) throw new DomainException(Localized.Text(
            $"Unit '{successor.Code}' was merged into '{Code}'; the merge would go round in a circle.",
            $"Đơn vị '{successor.Code}' đã được hợp nhất vào '{Code}'; việc hợp nhất này sẽ tạo thành vòng lặp."));
        (IsActive, SuccessorId, MergedOn) = (false, successor.Id, on);
    }

    public void Deactivate()
    {
        if (!IsActive) throw new DomainException(Localized.Text($"Unit '{Code}' is already inactive.", $"Đơn vị '{Code}' đã ngừng hoạt động."));
        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive) throw new DomainException(Localized.Text($"Unit '{Code}' is already active.", $"Đơn vị '{Code}' đang hoạt động."));
        if (SuccessorId is not null) throw new DomainException(Localized.Text(
            $"Unit '{Code}' was merged into another unit on {MergedOn:yyyy-MM-dd}; it cannot be reactivated.",
            $"Đơn vị '{Code}' đã được hợp nhất vào đơn vị khác ngày {MergedOn:yyyy-MM-dd}; không thể cho hoạt động trở lại."));
        IsActive = true;
    }

    /// <summary>Aliases in NFC, distinct without regard to case, empty ones dropped, order kept.</summary>
    public static IReadOnlyList<string> CleanAliases(IEnumerable<string>? aliases)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var alias in aliases ?? [])
        {
            var clean = Text.Clean(alias);
            if (clean is null) continue;
            Text.Limit(clean, AliasMaxLength, Localized.Text("Alias", "Tên gọi khác"));
            if (seen.Add(clean)) result.Add(clean);
        }
        return result;
    }
}

using System.Text.RegularExpressions;
using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Units;

/// <summary>An organisation (đơn vị, cơ quan, địa phương) that plans, tasks, movements and clusters refer to.</summary>
public sealed partial class Unit : Entity
{
    public const int CodeMaxLength = 50;
    public const int NameMaxLength = 300;
    public const int ShortNameMaxLength = 100;
    public const int DocumentExchangeIdMaxLength = 100;
    public const int AliasMaxLength = 300;
    public const int MaxAliases = 50;
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

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
        !string.IsNullOrEmpty(code) && code.Length <= CodeMaxLength && CodeRegex().IsMatch(code);

    public static Unit Create(string code, string name, UnitKind kind, string? shortName = null,
        Guid? parentId = null, string? documentExchangeId = null, IEnumerable<string>? aliases = null)
    {
        var trimmed = code?.Trim();
        if (!IsValidCode(trimmed))
            throw new DomainException($"Unit code '{code}' is not valid: 1–{CodeMaxLength} letters, digits, '.', '-' or '_'.");
        var unit = new Unit { Code = trimmed!, Name = "" };
        unit.Describe(name, kind, shortName, documentExchangeId, aliases);
        unit.MoveUnder(parentId);
        return unit;
    }

    /// <summary>Replaces the descriptive fields (everything but the code, the parent and the active flag).</summary>
    public void Describe(string name, UnitKind kind, string? shortName, string? documentExchangeId, IEnumerable<string>? aliases)
    {
        // Everything is checked before anything changes, so a refused description leaves the unit as it was.
        if (!Enum.IsDefined(kind)) throw new DomainException($"Unknown unit kind '{kind}'.");
        var newName = Limit(Text.Required(name, "Unit name"), NameMaxLength, "Unit name");
        var newShortName = Limit(Text.Clean(shortName), ShortNameMaxLength, "Short name");
        var newDocumentExchangeId = Limit(Text.Clean(documentExchangeId), DocumentExchangeIdMaxLength, "Document exchange id");
        var cleaned = CleanAliases(aliases);
        if (cleaned.Count > MaxAliases) throw new DomainException($"A unit has at most {MaxAliases} aliases.");
        (Name, ShortName, DocumentExchangeId, Kind, _aliases) = (newName, newShortName, newDocumentExchangeId, kind, [.. cleaned]);
    }

    /// <summary>Places the unit under a parent (or at the top). Cycles through other units are checked by the caller, which can see the tree.</summary>
    public void MoveUnder(Guid? parentId)
    {
        if (parentId == Id) throw new DomainException("A unit cannot be its own parent.");
        ParentId = parentId;
    }

    /// <summary>
    /// Sáp nhập: the unit is merged into <paramref name="successor"/> and stops acting on its own (it becomes inactive);
    /// the registry records the successor, which takes over its open obligations.
    /// </summary>
    public void MergeInto(Unit successor, DateOnly on)
    {
        if (successor.Id == Id) throw new DomainException("A unit cannot be merged into itself.");
        if (!IsActive) throw new DomainException($"Unit '{Code}' is inactive; only an active unit can be merged into another.");
        if (!successor.IsActive) throw new DomainException($"Unit '{successor.Code}' is inactive; a unit can only be merged into an active one.");
        if (successor.SuccessorId == Id) throw new DomainException($"Unit '{successor.Code}' was merged into '{Code}'; the merge would go round in a circle.");
        (IsActive, SuccessorId, MergedOn) = (false, successor.Id, on);
    }

    public void Deactivate()
    {
        if (!IsActive) throw new DomainException($"Unit '{Code}' is already inactive.");
        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive) throw new DomainException($"Unit '{Code}' is already active.");
        if (SuccessorId is not null) throw new DomainException($"Unit '{Code}' was merged into another unit on {MergedOn:yyyy-MM-dd}; it cannot be reactivated.");
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
            Limit(clean, AliasMaxLength, "Alias");
            if (seen.Add(clean)) result.Add(clean);
        }
        return result;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Limit(string? value, int max, string field) =>
        value is not null && value.Length > max
            ? throw new DomainException($"{field} is longer than {max} characters.")
            : value;

    [GeneratedRegex(CodePattern, RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex CodeRegex();
}

using EmulationApi.Domain.Units;
using FluentValidation;
using FluentValidation.Results;

namespace EmulationApi.Application.Units;

/// <summary>A unit code where a request gave it: the field as the client sent it (e.g. <c>scores[3].unitCode</c>) and the code.</summary>
public readonly record struct UnitCodeAt(string Field, string Code);

/// <summary>A unit a request named by code: its id, its code as registered, its kind, its name (for an answer that shows it).</summary>
public sealed record KnownUnit(Guid Id, string Code, UnitKind Kind, string Name);

/// <summary>
/// The answer of <see cref="UnitQueries.LookUpCodesAsync"/>: the units found, by code without regard to case, and one
/// failure per code the registry lacks — always the same shape: the field as sent, "No unit has the code 'X'.".
/// </summary>
public sealed class UnitCodeLookup
{
    private readonly Dictionary<string, KnownUnit> _byKey;

    internal UnitCodeLookup(IEnumerable<KnownUnit> found, IEnumerable<UnitCodeAt> asked)
    {
        _byKey = found.ToDictionary(u => Key(u.Code), StringComparer.Ordinal);
        Unknown = asked.Where(c => !_byKey.ContainsKey(Key(c.Code))).Select(c => UnknownCode(c.Field, c.Code)).ToList();
    }

    /// <summary>One failure per code given that names no unit, in the order the codes were given.</summary>
    public IReadOnlyList<ValidationFailure> Unknown { get; }

    /// <summary>The units found.</summary>
    public IEnumerable<KnownUnit> Found => _byKey.Values;

    /// <summary>The unit a known code names (any case, surrounding white space ignored).</summary>
    public KnownUnit this[string code] => _byKey[Key(code)];

    public bool TryGet(string code, out KnownUnit unit) => _byKey.TryGetValue(Key(code), out unit!);

    /// <summary>Throws the unknown codes as one ValidationException (→ 400 with <c>errors</c> keyed by field).</summary>
    public UnitCodeLookup ThrowIfUnknown() => Unknown.Count > 0 ? throw new ValidationException(Unknown) : this;

    /// <summary>The failure for a code that names no unit.</summary>
    public static ValidationFailure UnknownCode(string field, string code) =>
        new(field, Domain.Common.Localized.Text($"No unit has the code '{code.Trim()}'.", $"Không có đơn vị nào mang mã '{code.Trim()}'."));

    /// <summary>How codes compare: trimmed, lower case (the unique index is on lower(code)).</summary>
    internal static string Key(string code) => code.Trim().ToLowerInvariant();
}

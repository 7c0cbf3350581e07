using System.Text;
using System.Text.RegularExpressions;

namespace EmulationApi.Domain.Common;

/// <summary>Text rules shared by every aggregate: Vietnamese text is stored in Unicode NFC with folded white space.</summary>
public static partial class Text
{
    /// <summary>NFC, trimmed, runs of white space folded to one space; empty becomes null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var folded = Whitespace().Replace(value.Normalize(NormalizationForm.FormC), " ").Trim();
        return folded.Length == 0 ? null : folded;
    }

    /// <summary>Like <see cref="Clean"/> but the value is required.</summary>
    public static string Required(string? value, string field) =>
        Clean(value) ?? throw new DomainException(Localized.Text($"{field} must not be empty.", $"{field} không được để trống."));

    /// <summary>The value, refused when longer than <paramref name="max"/> characters (<paramref name="field"/> names it in the answer).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Limit(string? value, int max, string field) =>
        value is { Length: var n } && n > max ? throw new DomainException(Localized.Text($"{field} is longer than {max} characters.", $"{field} dài quá {max} ký tự.")) : value;

    [GeneratedRegex(@"\s+", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Whitespace();
}

using System.Text.RegularExpressions;

namespace EmulationApi.Domain.Common;

/// <summary>
/// How a code that names a resource in a URL path is written (a unit's, a catalog entry's): letters, digits, '.', '-'
/// and '_', starting with a letter or digit — so never empty, never "." or "..", which URLs drop as dot-segments.
/// </summary>
public static partial class Codes
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public static bool Follow(string code) => PatternRegex().IsMatch(code);

    [GeneratedRegex(Pattern, RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex PatternRegex();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EmulationApi.Domain.Common;

/// <summary>
/// The key under which a Vietnamese name is matched, so that spellings met in documents find the same unit:
/// Unicode NFC, lower case, every dash a hyphen, white space folded, trailing periods and spaces dropped, and the old
/// tone placement of "oa", "oe", "uy" ("hoà", "khoá", "uỷ") moved to the new one ("hòa", "khóa", "ủy").
/// The original text is always kept beside the key.
/// </summary>
public static partial class NameKey
{
    public static string Of(string name)
    {
        var s = name.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
        s = Dashes().Replace(s, "-");
        s = Whitespace().Replace(s, " ").Trim().TrimEnd('.', ' ', ';', ',', ':').Trim();
        s = SpaceAroundHyphen().Replace(s, " - ");
        return OldTones().Replace(s, m => MoveTone(m.Value));
    }

    // "oà" → "òa", "oé" → "óe", "uỷ" → "ủy" at the end of a syllable (not after "q", where "uy" keeps the tone on "y").
    private static string MoveTone(string pair)
    {
        var decomposed = pair.Normalize(NormalizationForm.FormD);
        var first = decomposed[0];
        var second = decomposed[1];
        var marks = decomposed[2..];
        return (first + marks + second).Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"[\u2010-\u2015\u2212]", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Dashes();

    [GeneratedRegex(@"\s+", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*-\s*", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex SpaceAroundHyphen();

    [GeneratedRegex(@"(?<!q)(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex OldTones();
}

using System.Globalization;

namespace EmulationApi.Domain.Common;

/// <summary>
/// The one way the project's own messages (business rules, validators, problem titles and details) come in the two
/// languages the API answers in: each message is written once in English and once in Vietnamese, side by side where it
/// is raised, and the one matching <see cref="CultureInfo.CurrentUICulture"/> is used. The Api sets that culture per
/// request from Accept-Language (request localization), so a message built while handling a request is in the
/// client's language. Identifiers the client branches on (field names, <c>type</c> URIs, enum names) are never translated.
/// </summary>
public static class Localized
{
    /// <summary>Whether the current request is answered in Vietnamese.</summary>
    public static bool InVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    /// <summary><paramref name="vietnamese"/> when the request is answered in Vietnamese, else <paramref name="english"/>.</summary>
    public static string Text(string english, string vietnamese) => InVietnamese ? vietnamese : english;
}

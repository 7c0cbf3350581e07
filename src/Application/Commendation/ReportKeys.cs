using System.Globalization;

namespace EmulationApi.Application.Commendation;

/// <summary>How both commendation reports name a quarter and a group that has no value.</summary>
internal static class ReportKeys
{
    /// <summary>The group of lines that have no value for the grouping (a category, a dossier's type or proposing unit).</summary>
    public const string None = "None";

    public static string Quarter(int year, int quarter) => string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}");
}

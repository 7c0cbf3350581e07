namespace EmulationApi.Domain.Common;

/// <summary>The years a plan, a cluster or a filter may name: 2000–2100.</summary>
public static class Years
{
    public const int First = 2000;
    public const int Last = 2100;

    public static bool InRange(int year) => year is >= First and <= Last;

    /// <summary>The message of a year out of range, the same wherever it is refused.</summary>
    public static string OutOfRange(int year) => Localized.Text($"Year {year} is outside {First}–{Last}.", $"Năm {year} nằm ngoài khoảng {First}–{Last}.");
}

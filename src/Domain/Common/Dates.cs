namespace EmulationApi.Domain.Common;

/// <summary>
/// The dates a request may carry: the days of <see cref="Years"/>, 2000-01-01 to 2100-12-31, and for a timestamp an
/// instant whose UTC date lies in that range. Everything the API records or filters on — issue dates, deadlines, report
/// dates, reference dates (<c>asOf</c>), expiries, <c>changedSince</c> — lies inside, so date arithmetic near the ends of
/// <see cref="DateOnly"/> never happens.
/// </summary>
public static class Dates
{
    public static readonly DateOnly First = new(Years.First, 1, 1);
    public static readonly DateOnly Last = new(Years.Last, 12, 31);

    /// <summary>The first instant after the range (2101-01-01T00:00:00Z).</summary>
    private static readonly DateTimeOffset End = new(Last.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(First, TimeOnly.MinValue, TimeSpan.Zero);

    public static bool InRange(DateOnly date) => date >= First && date <= Last;

    public static bool InRange(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The range as messages write it, in the request's language: "2000-01-01 and 2100-12-31" (after
    /// "between"), "từ 2000-01-01 đến 2100-12-31" (after "trong khoảng").</summary>
    public static string Range => Localized.Text($"{First:yyyy-MM-dd} and {Last:yyyy-MM-dd}", $"từ {First:yyyy-MM-dd} đến {Last:yyyy-MM-dd}");

    /// <summary>The rule every recorded event follows (a progress report, a movement's launch or review): it happened, so
    /// it is not dated after <paramref name="today"/>. <paramref name="what"/> names it: "A report", "A review".</summary>
    public static void EnsureNotInFuture(DateOnly date, DateOnly today, string what)
    {
        if (date > today) throw new DomainException(Localized.Text($"{what} cannot be dated in the future ({date:yyyy-MM-dd} is after {today:yyyy-MM-dd}).", $"{what} không thể ghi ngày trong tương lai ({date:yyyy-MM-dd} sau ngày {today:yyyy-MM-dd})."));
    }
}

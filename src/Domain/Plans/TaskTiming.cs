using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Plans;

/// <summary>How a task's timing is stated in the plan.</summary>
public enum TimingKind
{
    /// <summary>"Tháng 3": the whole month in the plan's year; the deadline is its last day.</summary>
    Month,
    /// <summary>"Quý II": the quarter in the plan's year; the deadline is its last day.</summary>
    Quarter,
    /// <summary>A date: the deadline itself.</summary>
    Date,
    /// <summary>"Thường xuyên": all year, no deadline.</summary>
    Recurring,
}

/// <summary>
/// When a task is due (thời gian thực hiện), as stated in the plan, with an optional condition ("nếu có",
/// "Khi Luật … có hiệu lực thi hành"). The deadline follows from it and the plan's year.
/// </summary>
public sealed record TaskTiming
{
    public const int ConditionMaxLength = 500;

    private TaskTiming() { }

    public TimingKind Kind { get; private init; }
    public int? Month { get; private init; }
    public int? Quarter { get; private init; }
    public DateOnly? Date { get; private init; }
    /// <summary>The condition under which the task applies, if any (e.g. "nếu có").</summary>
    public string? Condition { get; private init; }

    public static TaskTiming OfMonth(int month, string? condition = null) =>
        month is >= 1 and <= 12 ? new() { Kind = TimingKind.Month, Month = month, Condition = CleanCondition(condition) }
            : throw new DomainException(Localized.Text($"Month {month} does not exist.", $"Không có tháng {month}."));

    public static TaskTiming OfQuarter(int quarter, string? condition = null) =>
        quarter is >= 1 and <= 4 ? new() { Kind = TimingKind.Quarter, Quarter = quarter, Condition = CleanCondition(condition) }
            : throw new DomainException(Localized.Text($"Quarter {quarter} does not exist.", $"Không có quý {quarter}."));

    public static TaskTiming OnDate(DateOnly date, string? condition = null) =>
        new() { Kind = TimingKind.Date, Date = date, Condition = CleanCondition(condition) };

    public static TaskTiming RecurringAllYear(string? condition = null) =>
        new() { Kind = TimingKind.Recurring, Condition = CleanCondition(condition) };

    public static TaskTiming From(TimingKind kind, int? month, int? quarter, DateOnly? date, string? condition) => kind switch
    {
        TimingKind.Month => OfMonth(month ?? throw new DomainException(Localized.Text("A month timing needs the month.", "Thời hạn theo tháng cần có tháng.")), condition),
        TimingKind.Quarter => OfQuarter(quarter ?? throw new DomainException(Localized.Text("A quarter timing needs the quarter.", "Thời hạn theo quý cần có quý.")), condition),
        TimingKind.Date => OnDate(date ?? throw new DomainException(Localized.Text("A date timing needs the date.", "Thời hạn theo ngày cần có ngày.")), condition),
        TimingKind.Recurring => RecurringAllYear(condition),
        _ => throw new DomainException(Localized.Text($"Unknown timing kind '{kind}'.", $"Loại thời hạn '{kind}' không xác định.")),
    };

    /// <summary>The last day the task is due in a plan of <paramref name="year"/>; null when recurring.</summary>
    public DateOnly? DeadlineIn(int year) => Kind switch
    {
        TimingKind.Month => new DateOnly(year, Month!.Value, DateTime.DaysInMonth(year, Month.Value)),
        TimingKind.Quarter => new DateOnly(year, Quarter!.Value * 3, DateTime.DaysInMonth(year, Quarter.Value * 3)),
        TimingKind.Date => Date,
        _ => null,
    };

    private static string? CleanCondition(string? condition)
    {
        var clean = Text.Clean(condition);
        return clean is { Length: > ConditionMaxLength } ? throw new DomainException(Localized.Text($"A condition is at most {ConditionMaxLength} characters.", $"Điều kiện dài tối đa {ConditionMaxLength} ký tự.")) : clean;
    }
}

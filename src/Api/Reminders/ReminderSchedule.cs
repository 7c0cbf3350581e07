using Cronos;

namespace EmulationApi.Api.Reminders;

/// <summary>
/// When the reminders run: a cron expression (five fields, Cronos) read in a time zone, so "0 7 * * *" is 07:00 on the
/// zone's wall clock — 00:00 UTC in Asia/Ho_Chi_Minh — and a zone with daylight saving is handled the way Cronos does
/// it: a time the spring change skips runs at the change, a time the autumn change repeats runs once.
/// </summary>
public sealed class ReminderSchedule
{
    private readonly CronExpression _cron;

    public ReminderSchedule(CronExpression cron, TimeZoneInfo zone)
    {
        _cron = cron;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first slot after <paramref name="instant"/>; null when the expression never occurs again.</summary>
    public DateTimeOffset? Next(DateTimeOffset instant) => _cron.GetNextOccurrence(instant.ToUniversalTime(), Zone, inclusive: false);

    /// <summary>The last slot at or before <paramref name="instant"/>; null when there was none.</summary>
    public DateTimeOffset? Latest(DateTimeOffset instant) => _cron.GetPreviousOccurrence(instant.ToUniversalTime(), Zone, inclusive: true);

    public override string ToString() => $"{_cron} ({Zone.Id})";
}

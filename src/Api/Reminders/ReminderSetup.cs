using Cronos;
using EmulationApi.Application.Reminders;

namespace EmulationApi.Api.Reminders;

/// <summary>
/// The reminders' settings (README → Webhooks → Reminders). Every value is checked at start-up, whether the reminders
/// are enabled or not: a value that cannot be used stops the start with a message naming its key.
/// </summary>
public static class ReminderSetup
{
    public const string ScheduleKey = "Reminders:Schedule";
    public const string TimeZoneKey = "Reminders:TimeZone";
    public const string DueSoonDaysKey = "Reminders:DueSoonDays";
    public const string EnabledKey = "Reminders:Enabled";

    public const string DefaultSchedule = "0 7 * * *";
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var schedule = new ReminderSchedule(Cron(configuration), Zone(configuration));
        services.AddSingleton(schedule);
        services.AddSingleton(new ReminderSettings(DueSoonDays(configuration)));
        if (Enabled(configuration)) services.AddHostedService<ReminderScheduler>();
        return services;
    }

    private static CronExpression Cron(IConfiguration configuration)
    {
        var value = Value(configuration, ScheduleKey) ?? DefaultSchedule;
        if (!CronExpression.TryParse(value, CronFormat.Standard, out var cron))
            throw new InvalidOperationException($"{ScheduleKey} must be a cron expression of five fields (minute hour day-of-month month day-of-week, such as '{DefaultSchedule}' for 07:00 every day); it is '{value}'.");
        // An expression that names no real day (the 30th of February) would leave the reminders silent for ever.
        if (cron.GetNextOccurrence(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc) is null)
            throw new InvalidOperationException($"{ScheduleKey} never occurs; it is '{value}'.");
        return cron;
    }

    private static TimeZoneInfo Zone(IConfiguration configuration)
    {
        var value = Value(configuration, TimeZoneKey) ?? DefaultTimeZone;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(value);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{TimeZoneKey} must be a time zone id the system knows (IANA, such as '{DefaultTimeZone}'); it is '{value}'.", e);
        }
    }

    private static int DueSoonDays(IConfiguration configuration)
    {
        var value = Value(configuration, DueSoonDaysKey);
        if (value is null) return ReminderSettings.DefaultDueSoonDays;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days is < ReminderSettings.MinDueSoonDays or > ReminderSettings.MaxDueSoonDays)
            throw new InvalidOperationException($"{DueSoonDaysKey} must be a whole number of days from {ReminderSettings.MinDueSoonDays} to {ReminderSettings.MaxDueSoonDays}; it is '{value}'.");
        return days;
    }

    private static bool Enabled(IConfiguration configuration)
    {
        var value = Value(configuration, EnabledKey);
        if (value is null) return true;
        return bool.TryParse(value, out var enabled) ? enabled
            : throw new InvalidOperationException($"{EnabledKey} must be true or false; it is '{value}'.");
    }

    private static string? Value(IConfiguration configuration, string key) => configuration[key]?.Trim() is { Length: > 0 } value ? value : null;
}

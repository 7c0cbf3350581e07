namespace EmulationApi.Application.Reminders;

/// <summary>
/// What the reminders' digests list (README → Webhooks → Reminders): an obligation not done is listed as overdue once its
/// deadline has passed, and as due soon from <see cref="DueSoonDays"/> days before it (0: on the day itself).
/// </summary>
/// <param name="DueSoonDays"><c>Reminders:DueSoonDays</c>, <see cref="MinDueSoonDays"/>–<see cref="MaxDueSoonDays"/>;
/// by default the work list's own "due soon" band (<see cref="Domain.Plans.PlanTask.DueSoonDays"/>, 7 days), so a digest
/// lists as due soon exactly what the unit's work list shows with timeliness=DueSoon.</param>
public sealed record ReminderSettings(int DueSoonDays)
{
    public const int MinDueSoonDays = 0;
    public const int MaxDueSoonDays = 60;
    public const int DefaultDueSoonDays = Domain.Plans.PlanTask.DueSoonDays;

    public static readonly ReminderSettings Default = new(DefaultDueSoonDays);
}

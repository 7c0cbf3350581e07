namespace EmulationApi.Domain.Reminders;

/// <summary>
/// One run of the daily reminders (nhắc việc): the schedule's slot it ran for — the key that makes a slot run once,
/// whatever the number of instances —, why it ran, where, when it started and finished, and what it sent (README →
/// Webhooks → Reminders). Recorded in the same transaction as the digests it sent: a run that failed left no row.
/// </summary>
public sealed class ReminderRun
{
    public const int InstanceMaxLength = 200;

    private ReminderRun() { Instance = ""; }

    /// <summary>The schedule's occurrence (UTC) this run is for; unique.</summary>
    public DateTimeOffset Slot { get; private set; }
    public ReminderTrigger Trigger { get; private set; }
    /// <summary>The day the digests were computed on (today in Bắc Ninh when the run started).</summary>
    public DateOnly AsOf { get; private set; }
    /// <summary>The instance that ran it (host name and process id).</summary>
    public string Instance { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>Units that received a digest (those with something due soon or overdue).</summary>
    public int Units { get; private set; }
    public int DueSoon { get; private set; }
    public int Overdue { get; private set; }

    /// <summary>A run that starts now for <paramref name="slot"/>.</summary>
    public static ReminderRun Start(DateTimeOffset slot, ReminderTrigger trigger, DateOnly asOf, string instance, DateTimeOffset startedAt) =>
        new()
        {
            Slot = slot.ToUniversalTime(),
            Trigger = trigger,
            AsOf = asOf,
            Instance = instance.Length > InstanceMaxLength ? instance[..InstanceMaxLength] : instance,
            StartedAt = startedAt.ToUniversalTime(),
        };

    /// <summary>Records what the run sent: the units that got a digest and the obligations listed in them.</summary>
    public void Finish(int units, int dueSoon, int overdue, DateTimeOffset finishedAt)
    {
        if (FinishedAt is not null) throw new InvalidOperationException($"The reminder run of {Slot:O} has already finished.");
        (Units, DueSoon, Overdue, FinishedAt) = (units, dueSoon, overdue, finishedAt.ToUniversalTime());
    }
}

/// <summary>Why a reminder run ran.</summary>
public enum ReminderTrigger
{
    /// <summary>At its slot, as scheduled.</summary>
    Scheduled,
    /// <summary>At start-up, for the latest slot missed while no instance was running.</summary>
    CatchUp,
}

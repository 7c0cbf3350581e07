using EmulationApi.Domain.Reminders;
using Microsoft.EntityFrameworkCore.Storage;

namespace EmulationApi.Application.Reminders;

/// <summary>The once-per-slot guard of the reminders, whatever the number of instances (README → Webhooks → Reminders).</summary>
public interface IReminderSlots
{
    /// <summary>
    /// Begins the run's transaction on the unit of work and records <paramref name="run"/> in it, unless its slot is
    /// recorded already: then null, and nothing is open. While another instance's run of the slot is uncommitted, this
    /// waits for it to end — committed, the slot is taken (null); rolled back, the slot is free and recorded here. The
    /// run stays attached: what <see cref="ReminderRun.Finish"/> records is written by the next SaveChanges, with the
    /// events, and commits with them.
    /// </summary>
    Task<IDbContextTransaction?> ClaimAsync(ReminderRun run, CancellationToken cancellationToken);
}

using EmulationApi.Application.Reminders;
using EmulationApi.Domain.Reminders;
using EmulationApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EmulationApi.Infrastructure.Reminders;

/// <summary>
/// The once-per-slot guard: the run's row, keyed by its slot, inserted first in the run's transaction with
/// <c>ON CONFLICT DO NOTHING</c>. PostgreSQL makes a second insert of the same key wait for the transaction that holds
/// it: when that one commits the second inserts nothing (this instance skips the slot); when it rolls back (its run
/// failed) the second inserts and runs the slot itself. One row inserted or none: exactly one run per slot.
/// </summary>
internal sealed class ReminderSlots(AppDbContext db) : IReminderSlots
{
    public async Task<IDbContextTransaction?> ClaimAsync(ReminderRun run, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO reminder_runs (slot, "trigger", as_of, instance, started_at, units, due_soon, overdue)
                VALUES ({run.Slot}, {run.Trigger.ToString()}, {run.AsOf}, {run.Instance}, {run.StartedAt}, 0, 0, 0)
                ON CONFLICT (slot) DO NOTHING
                """, cancellationToken);
            if (inserted == 0)
            {
                await transaction.DisposeAsync();
                return null;
            }
            db.ReminderRuns.Attach(run);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Webhooks;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Reminders;
using EmulationApi.Domain.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Reminders;

/// <summary>
/// Runs one slot of the reminders' schedule: one <c>obligation.reminder</c> event per unit with something overdue or due
/// soon, written to the webhook outbox in the transaction that records the run — so the slot is sent once, whatever the
/// number of instances (<see cref="IReminderSlots"/>). A catch-up run (the latest slot missed while no instance ran) is
/// run only when an earlier run is recorded and none later: a new installation starts with the next slot.
/// </summary>
/// <param name="Slot">The schedule's occurrence (any offset; recorded in UTC).</param>
public sealed record SendRemindersCommand(DateTimeOffset Slot, ReminderTrigger Trigger) : IRequest<ReminderRunDto?>;

/// <summary>A run of the reminders: which slot, why, where, when, and what it sent.</summary>
/// <param name="Units">Units that received a digest.</param>
/// <param name="DueSoon">Obligations listed as due soon, all digests together.</param>
/// <param name="Overdue">Obligations listed as overdue, all digests together.</param>
public sealed record ReminderRunDto(DateTimeOffset Slot, ReminderTrigger Trigger, DateOnly AsOf, string Instance, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, int Units, int DueSoon, int Overdue);

public sealed class SendRemindersHandler(IAppDbContext db, IReminderSlots slots, IWebhookOutbox outbox, ReminderSettings settings, TimeProvider clock)
    : IRequestHandler<SendRemindersCommand, ReminderRunDto?>
{
    /// <summary>The event type the digests go out as.</summary>
    public const string EventType = "obligation.reminder";

    /// <summary>Who runs it: the host and the process.</summary>
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task<ReminderRunDto?> Handle(SendRemindersCommand request, CancellationToken cancellationToken)
    {
        var slot = request.Slot.ToUniversalTime();
        if (request.Trigger == ReminderTrigger.CatchUp && !await IsMissedAsync(slot, cancellationToken)) return null;

        var run = ReminderRun.Start(slot, request.Trigger, TaskQueries.Today(clock), Instance, clock.GetUtcNow());
        await using var transaction = await slots.ClaimAsync(run, cancellationToken);
        if (transaction is null) return null;

        var lines = await db.ReminderLines(run.AsOf, settings).ToListAsync(cancellationToken);
        var digests = lines.ToDigests(run.AsOf, settings, slot);
        foreach (var digest in digests)
            outbox.Add(new WebhookEventDraft(EventType, $"unit/{digest.UnitCode}", null, [digest.UnitCode], digest));
        run.Finish(digests.Count, digests.Sum(d => d.DueSoon.Count), digests.Sum(d => d.Overdue.Count), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.ToDto();
    }

    /// <summary>A slot is missed when an earlier one ran and none from it on.</summary>
    private async Task<bool> IsMissedAsync(DateTimeOffset slot, CancellationToken ct) =>
        await db.ReminderRuns.AnyAsync(r => r.Slot < slot, ct) && !await db.ReminderRuns.AnyAsync(r => r.Slot >= slot, ct);
}

public static class ReminderRunProjections
{
    public static ReminderRunDto ToDto(this ReminderRun r) =>
        new(r.Slot, r.Trigger, r.AsOf, r.Instance, r.StartedAt, r.FinishedAt, r.Units, r.DueSoon, r.Overdue);

    public static IQueryable<ReminderRunDto> ToDtos(this IQueryable<ReminderRun> runs) =>
        runs.Select(r => new ReminderRunDto(r.Slot, r.Trigger, r.AsOf, r.Instance, r.StartedAt, r.FinishedAt, r.Units, r.DueSoon, r.Overdue));
}

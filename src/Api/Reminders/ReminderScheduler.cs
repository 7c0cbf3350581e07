using EmulationApi.Application.Reminders;
using EmulationApi.Domain.Reminders;
using MediatR;

namespace EmulationApi.Api.Reminders;

/// <summary>
/// Runs the reminders on their schedule (README → Webhooks → Reminders). At start it runs the latest slot missed while
/// no instance was running — only that one, and only after an earlier recorded run —, then sleeps until each next slot
/// and runs it. Every instance does the same; <see cref="SendRemindersCommand"/> sends each slot once. A run that fails
/// (the database away) is tried again every <see cref="RetryDelay"/> until the next slot comes; a failure never stops the
/// host.
/// </summary>
public sealed partial class ReminderScheduler(ReminderSchedule schedule, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The longest single sleep: timers take at most ~49 days, and a long wait re-reads the clock on the way.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        if (schedule.Latest(now) is { } missed) await RunAsync(missed, ReminderTrigger.CatchUp, stoppingToken);
        var after = now;
        while (schedule.Next(after) is { } slot)
        {
            LogNext(logger, slot);
            await SleepUntilAsync(slot, stoppingToken);
            await RunAsync(slot, ReminderTrigger.Scheduled, stoppingToken);
            after = slot;
        }
    }

    /// <summary>Sleeps until <paramref name="slot"/> by the clock, in steps of at most <see cref="MaxSleep"/>.</summary>
    private async Task SleepUntilAsync(DateTimeOffset slot, CancellationToken ct)
    {
        while (slot - clock.GetUtcNow() is var remaining && remaining > TimeSpan.Zero)
        {
            var sleep = remaining < MaxSleep ? remaining : MaxSleep;
            await Task.Delay(sleep, clock, ct);
            if (sleep == remaining) return; // slept the whole way: the slot has come, whatever a test's clock says
        }
    }

    private async Task RunAsync(DateTimeOffset slot, ReminderTrigger trigger, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendRemindersCommand(slot, trigger), ct);
                if (run is null) LogSkipped(logger, slot, trigger);
                else LogSent(logger, slot, trigger, run.Units, run.DueSoon, run.Overdue);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogFailed(logger, e, slot);
            }
            if (schedule.Next(slot) is { } next && next - clock.GetUtcNow() <= RetryDelay) return; // the next slot takes over
            await Task.Delay(RetryDelay, clock, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: next slot {Slot:O}")]
    private static partial void LogNext(ILogger logger, DateTimeOffset slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders of {Slot:O} ({Trigger}) sent: {Units} units, {DueSoon} due soon, {Overdue} overdue")]
    private static partial void LogSent(ILogger logger, DateTimeOffset slot, ReminderTrigger trigger, int units, int dueSoon, int overdue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders of {Slot:O} ({Trigger}) not sent here: another instance sent them, or nothing was missed")]
    private static partial void LogSkipped(ILogger logger, DateTimeOffset slot, ReminderTrigger trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders of {Slot:O} failed; tried again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception, DateTimeOffset slot);
}

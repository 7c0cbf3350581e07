using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Obligations;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Reminders;

/// <summary>
/// A unit's reminder (nhắc việc, "phát mà không động"): what it must still do that is overdue or due soon on
/// <see cref="AsOf"/>. The data of an <c>obligation.reminder</c> event, and the answer of the preview.
/// </summary>
/// <param name="Slot">The schedule's slot the digest was sent for; null in a preview.</param>
/// <param name="AsOf">The day the digest was computed on.</param>
/// <param name="DueSoonDays">The due-soon window it used (Reminders:DueSoonDays).</param>
/// <param name="DueSoon">Not done, deadline from asOf to asOf + dueSoonDays: nearest deadline first.</param>
/// <param name="Overdue">Not done, deadline passed: longest overdue first.</param>
public sealed record ReminderDigestDto(
    string UnitCode,
    string UnitName,
    DateTimeOffset? Slot,
    DateOnly AsOf,
    int DueSoonDays,
    IReadOnlyList<ReminderItemDto> DueSoon,
    IReadOnlyList<ReminderItemDto> Overdue);

/// <summary>One obligation a digest lists.</summary>
/// <param name="Task">The task's content as the plan wrote it.</param>
/// <param name="Deadline">The unit's deadline: the extended one, else the task's.</param>
/// <param name="Status">The unit's own progress on it (never Done: done work is not reminded of).</param>
/// <param name="DaysOverdue">Days from the deadline to asOf: 1 or more when overdue; 0 or less when due soon (−2: two days left).</param>
public sealed record ReminderItemDto(
    Guid ObligationId,
    Guid TaskId,
    Guid PlanId,
    string? PlanNumber,
    PeriodGroup Group,
    int Sequence,
    string Task,
    AssigneeRole Role,
    DateOnly Deadline,
    ProgressStatus Status,
    int DaysOverdue);

/// <summary>One obligation to remind of, with its unit: a row of the one query every digest of a run comes from.</summary>
public sealed class ReminderLine
{
    public required Guid UnitId { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public required Guid ObligationId { get; init; }
    public required Guid TaskId { get; init; }
    public required Guid PlanId { get; init; }
    public required string? PlanNumber { get; init; }
    public required PeriodGroup Group { get; init; }
    public required int Sequence { get; init; }
    public required string Task { get; init; }
    public required AssigneeRole Role { get; init; }
    public required DateOnly Deadline { get; init; }
    public required ProgressStatus Status { get; init; }
    public required bool Overdue { get; init; }
}

public static class ReminderDigests
{
    /// <summary>
    /// Every obligation to remind of on <paramref name="asOf"/>, for all units in one query (or one unit's): active, on
    /// a task that stands in an issued plan, and — by the tally every count uses (<see cref="ObligationQueries.Tallied"/>:
    /// exempted ones and those that arose after their deadline apart, the rest by the timeliness rule against the unit's
    /// own deadline) — overdue, or not done and due within <see cref="ReminderSettings.DueSoonDays"/> days. Ordered by unit
    /// code, then deadline.
    /// </summary>
    public static IQueryable<ReminderLine> ReminderLines(this IAppDbContext db, DateOnly asOf, ReminderSettings settings, Guid? unitId = null)
    {
        var dueSoonLimit = asOf.AddDays(settings.DueSoonDays);
        var obligations = db.Obligations.AsNoTracking().Where(o => o.State == ObligationState.Active && o.Task!.CancelledBy == null && o.Task.Plan!.Status == PlanStatus.Issued);
        if (unitId is { } unit) obligations = obligations.Where(o => o.UnitId == unit);
        return obligations.WithTimeliness(asOf).Tallied()
            .Where(t => t.Tally == ObligationTally.Overdue
                        || (t.Tally == ObligationTally.DueSoon || t.Tally == ObligationTally.WithinDeadline)
                        && (t.Row.Obligation.ExtendedDeadline ?? t.Row.Obligation.Task!.Deadline) <= dueSoonLimit)
            .Select(t => new ReminderLine
            {
                UnitId = t.Row.Obligation.UnitId,
                UnitCode = t.Row.Obligation.Unit!.Code,
                UnitName = t.Row.Obligation.Unit.Name,
                ObligationId = t.Row.Obligation.Id,
                TaskId = t.Row.Obligation.TaskId,
                PlanId = t.Row.Obligation.Task!.PlanId,
                PlanNumber = t.Row.Obligation.Task.Plan!.Number,
                Group = t.Row.Obligation.Task.Group,
                Sequence = t.Row.Obligation.Task.Sequence,
                Task = t.Row.Obligation.Task.Content,
                Role = t.Row.Obligation.Role,
                Deadline = (t.Row.Obligation.ExtendedDeadline ?? t.Row.Obligation.Task.Deadline)!.Value,
                Status = t.Row.Obligation.Status,
                Overdue = t.Tally == ObligationTally.Overdue,
            })
            .OrderBy(l => l.UnitCode).ThenBy(l => l.Deadline).ThenBy(l => l.ObligationId);
    }

    /// <summary>The lines of a run cut into one digest per unit, in unit-code order; a unit with no line gets none.</summary>
    public static IReadOnlyList<ReminderDigestDto> ToDigests(this IEnumerable<ReminderLine> lines, DateOnly asOf, ReminderSettings settings, DateTimeOffset? slot) =>
        lines.GroupBy(l => l.UnitId)
            .Select(unit => unit.ToList())
            .Select(unit => Digest(unit[0].UnitCode, unit[0].UnitName, unit, asOf, settings, slot))
            .ToList();

    /// <summary>One unit's digest from its lines (none: both lists empty).</summary>
    public static ReminderDigestDto Digest(string unitCode, string unitName, IReadOnlyCollection<ReminderLine> lines, DateOnly asOf,
        ReminderSettings settings, DateTimeOffset? slot) =>
        new(unitCode, unitName, slot, asOf, settings.DueSoonDays,
            [.. lines.Where(l => !l.Overdue).Select(l => Item(l, asOf))],
            [.. lines.Where(l => l.Overdue).Select(l => Item(l, asOf))]);

    private static ReminderItemDto Item(ReminderLine l, DateOnly asOf) =>
        new(l.ObligationId, l.TaskId, l.PlanId, l.PlanNumber, l.Group, l.Sequence, l.Task, l.Role, l.Deadline, l.Status,
            asOf.DayNumber - l.Deadline.DayNumber);
}

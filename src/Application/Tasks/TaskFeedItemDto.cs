using EmulationApi.Application.Obligations;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// An item of the task feed: a task (<c>deleted: false</c>), or, under changedSince only, the tombstone of a task
/// deleted from a draft plan (<c>deleted: true</c>), placed among the changes by the time it was deleted. A tombstone
/// carries the task's id, plan, group, number and deadline, and updatedAt = when it was deleted; every other field is
/// null on a tombstone and never null where a task's answer (GET /api/v1/tasks/{id}) has it.
/// </summary>
/// <param name="PlanYear">The year of the task's plan.</param>
/// <param name="Sequence">The task's number (STT) within its group.</param>
/// <param name="Content">What is to be done; null on a tombstone.</param>
/// <param name="Timing">When it is due, as the plan states it; null on a tombstone.</param>
/// <param name="Deadline">The last day it is due; null when recurring.</param>
/// <param name="Leads">Đơn vị chủ trì, in the plan's order; null on a tombstone.</param>
/// <param name="Coordinators">Đơn vị phối hợp, in the plan's order; null on a tombstone.</param>
/// <param name="LeadText">The lead cell as the plan wrote it.</param>
/// <param name="CoordinatorText">The coordinators cell as the plan wrote it.</param>
/// <param name="Status">Derived from the lead obligations (see README, "The task's status"); null on a tombstone.</param>
/// <param name="Timeliness">Derived on the request's reference date (asOf); null on a tombstone.</param>
/// <param name="CompletedOn">When every lead was through: the last lead's completion date.</param>
/// <param name="LastReportedOn">The latest report on any of the task's obligations.</param>
/// <param name="ReportCount">Reports on the task's obligations, leads and coordinators; null on a tombstone.</param>
/// <param name="LeadObligations">The units that lead it, counted as in the task's answer; null on a tombstone.</param>
/// <param name="CoordinatorObligations">The units that coordinate, counted the same way; null on a tombstone.</param>
/// <param name="CancelledBy">The amendment that cancelled the task; null while it stands (a cancelled task is no tombstone: it stays, with status Cancelled).</param>
/// <param name="AmendedBy">The last amendment that added or changed it.</param>
/// <param name="MovementId">The movement the task serves; null when it names none, and on a tombstone.</param>
/// <param name="CreatedAt">When the task was created; null on a tombstone.</param>
/// <param name="UpdatedAt">When the task last changed (progress reports included), or when it was deleted: the cursor for changedSince.</param>
/// <param name="Version">Concurrency version of the task; null on a tombstone.</param>
/// <param name="Deleted">True for the tombstone of a deleted task, false for a task.</param>
public sealed record TaskFeedItemDto(
    Guid Id,
    Guid PlanId,
    int PlanYear,
    PeriodGroup Group,
    int Sequence,
    string? Content,
    TimingDto? Timing,
    DateOnly? Deadline,
    IReadOnlyList<AssigneeDto>? Leads,
    IReadOnlyList<AssigneeDto>? Coordinators,
    string? LeadText,
    string? CoordinatorText,
    TaskProgress? Status,
    Timeliness? Timeliness,
    DateOnly? CompletedOn,
    DateOnly? LastReportedOn,
    int? ReportCount,
    ObligationCountsDto? LeadObligations,
    ObligationCountsDto? CoordinatorObligations,
    Guid? CancelledBy,
    string? CancellationReason,
    Guid? AmendedBy,
    Guid? MovementId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset UpdatedAt,
    uint? Version,
    bool Deleted)
{
    public static TaskFeedItemDto Of(TaskDto t) => new(t.Id, t.PlanId, t.PlanYear, t.Group, t.Sequence, t.Content, t.Timing, t.Deadline,
        t.Leads, t.Coordinators, t.LeadText, t.CoordinatorText, t.Status, t.Timeliness, t.CompletedOn, t.LastReportedOn, t.ReportCount,
        t.LeadObligations, t.CoordinatorObligations, t.CancelledBy, t.CancellationReason, t.AmendedBy, t.MovementId, t.CreatedAt, t.UpdatedAt, t.Version,
        Deleted: false);

    public static TaskFeedItemDto Tombstone(Guid id, Guid planId, int planYear, PeriodGroup group, int sequence, DateOnly? deadline, DateTimeOffset deletedAt) =>
        new(id, planId, planYear, group, sequence, null, null, deadline, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, deletedAt, null, Deleted: true);
}

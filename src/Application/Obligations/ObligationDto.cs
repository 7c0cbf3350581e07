using EmulationApi.Application.Tasks;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Obligations;

/// <summary>
/// One unit's share of one task (nghĩa vụ của đơn vị): who, in which role, through which group, its own progress and
/// timeliness on the reference date, and what editors decided about it.
/// </summary>
/// <param name="SourceGroup">The group the obligation comes through; null when the plan names the unit directly.</param>
/// <param name="ClusterId">For the cluster groups: the provincial cluster/bloc whose leader holds it.</param>
/// <param name="Deadline">The unit's deadline: the extended one, else the task's; null when the task has none.</param>
/// <param name="Timeliness">On the request's reference date (asOf), against <see cref="Deadline"/>.</param>
/// <param name="CompletedOn">The date the unit claims the work was done.</param>
/// <param name="Review">Where an editor stands on a claimed completion.</param>
/// <param name="AroseOn">The day the unit came to hold it (the plan's issue date, an amendment's date, or a later change's day).</param>
/// <param name="AroseLate">It arose after the task's deadline: counted apart, never as overdue.</param>
/// <param name="TransferredFrom">The unit that held it before (a cluster's former leader).</param>
/// <param name="UpdatedAt">When it last changed (reports included); the cursor for changedSince.</param>
public sealed record ObligationDto(
    Guid Id,
    Guid TaskId,
    Guid PlanId,
    int PlanYear,
    PeriodGroup Group,
    int Sequence,
    string TaskContent,
    TaskProgress TaskStatus,
    UnitRefDto Unit,
    AssigneeRole Role,
    AssigneeGroup? SourceGroup,
    Guid? ClusterId,
    ObligationState State,
    ProgressStatus Status,
    Timeliness Timeliness,
    DateOnly? Deadline,
    DateOnly? TaskDeadline,
    string? ExtensionReason,
    bool Exempted,
    string? ExemptionReason,
    DateOnly AroseOn,
    bool AroseLate,
    DateOnly? CompletedOn,
    CompletionReview Review,
    DateOnly? LastReportedOn,
    int ReportCount,
    DateOnly? WithdrawnOn,
    UnitRefDto? TransferredFrom,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>An obligation with its whole history: the unit's reports and every other step, oldest first.</summary>
public sealed record ObligationDetailDto(ObligationDto Obligation, IReadOnlyList<ProgressReportDto> Reports, IReadOnlyList<ObligationEventDto> Events);

/// <summary>A step of an obligation's history other than a report.</summary>
/// <param name="Actor">Who: a client's name, or "system" for what the registry and the clusters caused.</param>
public sealed record ObligationEventDto(long Id, ObligationEventKind Kind, string? Reason, string Actor, string? Detail, DateTimeOffset At);

public static class ObligationProjections
{
    public static IQueryable<ObligationDto> ToDto(this IQueryable<ObligationRow> rows) =>
        rows.Select(r => new ObligationDto(
            r.Obligation.Id,
            r.Obligation.TaskId,
            r.Obligation.Task!.PlanId,
            r.Obligation.Task.Plan!.Year,
            r.Obligation.Task.Group,
            r.Obligation.Task.Sequence,
            r.Obligation.Task.Content,
            r.Obligation.Task.Status,
            new UnitRefDto(r.Obligation.UnitId, r.Obligation.Unit!.Code, r.Obligation.Unit.Name, r.Obligation.Unit.Kind),
            r.Obligation.Role,
            r.Obligation.SourceGroup,
            r.Obligation.ClusterId,
            r.Obligation.State,
            r.Obligation.Status,
            r.Timeliness,
            r.Obligation.ExtendedDeadline ?? r.Obligation.Task.Deadline,
            r.Obligation.Task.Deadline,
            r.Obligation.ExtensionReason,
            r.Obligation.Exempted,
            r.Obligation.ExemptionReason,
            r.Obligation.AroseOn,
            r.Obligation.AroseLate,
            r.Obligation.CompletedOn,
            r.Obligation.Review,
            r.Obligation.LastReportedOn,
            r.Obligation.ReportCount,
            r.Obligation.WithdrawnOn,
            r.Obligation.TransferredFrom == null ? null
                : new UnitRefDto(r.Obligation.TransferredFrom.Id, r.Obligation.TransferredFrom.Code, r.Obligation.TransferredFrom.Name, r.Obligation.TransferredFrom.Kind),
            r.Obligation.CreatedAt,
            r.Obligation.UpdatedAt,
            r.Obligation.Version));
}

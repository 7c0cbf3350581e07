using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>A task (nhiệm vụ) of a plan, with its assignees, timing, progress and timeliness on the reference date.</summary>
/// <param name="PlanYear">The year of the task's plan.</param>
/// <param name="Sequence">The task's number (STT) within its group.</param>
/// <param name="Deadline">The last day it is due; null when recurring.</param>
/// <param name="Leads">Đơn vị chủ trì, in the plan's order.</param>
/// <param name="Coordinators">Đơn vị phối hợp, in the plan's order.</param>
/// <param name="LeadText">The lead cell as the plan wrote it.</param>
/// <param name="CoordinatorText">The coordinators cell as the plan wrote it.</param>
/// <param name="Status">Derived from the lead obligations (see README, "The task's status").</param>
/// <param name="Timeliness">Derived on the request's reference date (asOf), never stored.</param>
/// <param name="CompletedOn">When every lead was through: the last lead's completion date.</param>
/// <param name="LastReportedOn">The latest report on any of the task's obligations.</param>
/// <param name="ReportCount">Reports on the task's obligations, leads and coordinators.</param>
/// <param name="LeadObligations">The units that lead it (chủ trì), counted: exempted and arisen-late apart, the rest by timeliness on asOf.</param>
/// <param name="CoordinatorObligations">The units that coordinate (phối hợp), counted the same way.</param>
/// <param name="CancelledBy">The amendment that cancelled the task; null while it stands.</param>
/// <param name="AmendedBy">The last amendment that added or changed it.</param>
/// <param name="MovementId">The movement (phong trào thi đua) the task serves; null when it names none. Its name is read
/// from GET /api/v1/movements/{id}, whose tasks GET /api/v1/movements/{id}/tasks lists.</param>
/// <param name="UpdatedAt">When the task last changed, progress reports included; the cursor for changedSince.</param>
/// <param name="Version">Concurrency version; If-Match takes the ETag that carries it.</param>
public sealed record TaskDto(
    Guid Id,
    Guid PlanId,
    int PlanYear,
    PeriodGroup Group,
    int Sequence,
    string Content,
    TimingDto Timing,
    DateOnly? Deadline,
    IReadOnlyList<AssigneeDto> Leads,
    IReadOnlyList<AssigneeDto> Coordinators,
    string? LeadText,
    string? CoordinatorText,
    TaskProgress Status,
    Timeliness Timeliness,
    DateOnly? CompletedOn,
    DateOnly? LastReportedOn,
    int ReportCount,
    Obligations.ObligationCountsDto LeadObligations,
    Obligations.ObligationCountsDto CoordinatorObligations,
    Guid? CancelledBy,
    string? CancellationReason,
    Guid? AmendedBy,
    Guid? MovementId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>When a task is due, as the plan states it.</summary>
/// <param name="Month">1–12 for a month timing.</param>
/// <param name="Quarter">1–4 for a quarter timing.</param>
/// <param name="Date">The date for a date timing.</param>
/// <param name="Condition">The condition under which the task applies, e.g. "nếu có".</param>
/// <param name="Text">The timing cell as the plan wrote it.</param>
public sealed record TimingDto(TimingKind Kind, int? Month, int? Quarter, DateOnly? Date, string? Condition, string? Text);

/// <summary>An assignee: a unit of the registry, or a group. Unresolved names carry only their text.</summary>
/// <param name="UnitId">The unit, when the assignee is one.</param>
/// <param name="Group">The group, when the assignee is one.</param>
/// <param name="Text">The name as the plan wrote it.</param>
public sealed record AssigneeDto(Guid? UnitId, string? UnitCode, string? UnitName, AssigneeGroup? Group, string? Text);

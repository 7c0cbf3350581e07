using EmulationApi.Domain.Movements;

namespace EmulationApi.Application.Movements;

/// <summary>An emulation movement (phong trào thi đua).</summary>
/// <param name="LaunchDocument">The document that launched it.</param>
/// <param name="ParentMovementId">The movement it continues (e.g. the national one a provincial one carries on).</param>
/// <param name="PlanIds">The plans that carry it.</param>
/// <param name="Steps">The lifecycle steps taken: launch, reviews (with their results), closing.</param>
public sealed record MovementDto(
    Guid Id,
    string Name,
    string? Slogan,
    MovementForm Form,
    LauncherLevel LauncherLevel,
    string? LaunchDocument,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? Scope,
    Guid? ParentMovementId,
    IReadOnlyList<Guid> PlanIds,
    IReadOnlyList<MovementParticipant> Participants,
    MovementStatus Status,
    IReadOnlyList<MovementStep> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);


public static class MovementProjections
{
    public static IQueryable<MovementDto> ToDto(this IQueryable<Movement> movements) =>
        movements.Select(m => new MovementDto(m.Id, m.Name, m.Slogan, m.Form, m.LauncherLevel, m.LaunchDocument, m.StartDate, m.EndDate,
            m.Scope, m.ParentMovementId, m.PlanIds, m.Participants,
            m.Status, m.Steps, m.CreatedAt, m.UpdatedAt, m.Version));
}

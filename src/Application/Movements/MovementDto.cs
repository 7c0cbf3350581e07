using EmulationApi.Domain.Movements;
using Mapster;

namespace EmulationApi.Application.Movements;

/// <summary>An emulation movement (phong trào thi đua).</summary>
/// <param name="LaunchDocument">The document that launched it.</param>
/// <param name="ParentMovementId">The movement it continues (e.g. the national one a provincial one carries on).</param>
/// <param name="StartDate">The start of its period; null when the plan that registered it does not give one.</param>
/// <param name="PlanIds">The plans that carry it.</param>
/// <param name="Steps">The lifecycle steps taken: launch, reviews (with their results), closing.</param>
public sealed record MovementDto(
    Guid Id,
    string Name,
    string? Slogan,
    MovementForm Form,
    LauncherLevel LauncherLevel,
    string? LaunchDocument,
    DateOnly? StartDate,
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

/// <summary>Read with <c>ProjectToType&lt;MovementDto&gt;()</c>: every field by name; plans, participants and steps as stored.</summary>
public sealed class MovementMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<Movement, MovementDto>()
            .ShallowCopyForSameType(true); // the plan ids and the jsonb participants and steps are read as they are
}

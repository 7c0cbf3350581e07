using EmulationApi.Domain.Movements;
using Mapster;

namespace EmulationApi.Application.Movements;

/// <summary>An emulation movement (phong trào thi đua).</summary>
/// <param name="LaunchDocument">The document that launched it.</param>
/// <param name="ParentMovementId">The movement it continues (e.g. the national one a provincial one carries on).</param>
/// <param name="StartDate">The start of its period; null when the plan that registered it does not give one.</param>
/// <param name="PlanIds">The plans that carry it.</param>
/// <param name="Steps">The lifecycle steps taken, in date order: launch, reviews (with their results), closing.</param>
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
    uint Version)
{
    /// <summary>The interim reviews (sơ kết), one per year or period, in date order.</summary>
    public IReadOnlyList<MovementReviewDto> InterimReviews =>
        [.. Steps.Where(s => s.Status == MovementStatus.InterimReviewed).Select(MovementReviewDto.Of)];

    /// <summary>The final review (tổng kết) that closed the series of reviews, once taken.</summary>
    public MovementReviewDto? FinalReview =>
        Steps.Where(s => s.Status == MovementStatus.FinalReviewed).Select(MovementReviewDto.Of).FirstOrDefault();
}

/// <summary>A review of a movement: the period it covers (interim reviews), its date, its document and its result.</summary>
public sealed record MovementReviewDto(string? Period, DateOnly Date, string? DocumentReference, string Result)
{
    internal static MovementReviewDto Of(MovementStep step) => new(step.Period, step.Date!.Value, step.DocumentReference, step.Result!);
}

/// <summary>Read with <c>ProjectToType&lt;MovementDto&gt;()</c>: every field by name; plans, participants and steps as stored.</summary>
public sealed class MovementMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<Movement, MovementDto>()
            .ShallowCopyForSameType(true); // the plan ids and the jsonb participants and steps are read as they are
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Chấm điểm: set members' points per criterion, in bulk and all or nothing. Allowed once the covenant is signed and
/// until its evaluation is published; points outside a criterion's limits are refused.
/// </summary>
public sealed record RecordScoresCommand(IReadOnlyList<ScoreInput>? Scores) : IRequest<CovenantDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>A member's points on one criterion, named by its id.</summary>
public sealed record ScoreInput(string? UnitCode, Guid? CriterionId, decimal? Points);

public sealed class RecordScoresValidator : AbstractValidator<RecordScoresCommand>
{
    public RecordScoresValidator()
    {
        RuleFor(x => x.Scores).NotEmpty().WithMessage("Give at least one score.");
        RuleFor(x => x.Scores).Must(s => s is null || s.Count <= 50_000).WithMessage("At most 50000 scores at once.");
        RuleForEach(x => x.Scores).SetValidator(new ScoreInputValidator());
    }
}

public sealed class ScoreInputValidator : AbstractValidator<ScoreInput>
{
    public ScoreInputValidator()
    {
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.CriterionId).NotNull();
        RuleFor(x => x.Points).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(9, 2, ignoreTrailingZeros: true);
    }
}

public sealed class RecordScoresHandler(IAppDbContext db) : IRequestHandler<RecordScoresCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(RecordScoresCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        var scores = request.Scores!;
        var units = await db.Units.ResolveCodesAsync(scores.Select((s, i) => new UnitCodeAt($"scores[{i}].unitCode", s.UnitCode!)), cancellationToken);

        foreach (var member in scores.GroupBy(s => units[s.UnitCode!].Id))
            covenant.Score(cluster, member.Key, member.Select(s => (s.CriterionId!.Value, s.Points!.Value)));
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }
}

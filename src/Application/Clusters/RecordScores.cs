using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Chấm điểm: set members' points per criterion, in bulk and all or nothing. Allowed once the covenant is signed and
/// until its evaluation is published (else 409). Every bad row is refused in one 400 naming each field, malformed rows
/// with the others: an unknown unit code or one of a unit outside the cluster (<c>scores[i].unitCode</c>), an id that
/// is not one of the covenant's criteria or a pair given twice (<c>scores[i].criterionId</c>), points above the
/// criterion's maximum (<c>scores[i].points</c>).
/// </summary>
public sealed record RecordScoresCommand(IReadOnlyList<ScoreInput>? Scores) : IRequest<CovenantDto>, ILeaderAction, IBulkWrite
{
    /// <summary>The scored units: a leader may not score its own.</summary>
    public IEnumerable<UnitCodeAt> UnitsWrittenFor() =>
        (Scores ?? []).Select((s, i) => (s?.UnitCode, i)).Where(s => s.UnitCode is not null).Select(s => new UnitCodeAt($"scores[{s.i}].unitCode", s.UnitCode!));

    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>A member's points on one criterion, named by its id.</summary>
public sealed record ScoreInput(string? UnitCode, Guid? CriterionId, decimal? Points);

public sealed class RecordScoresValidator : AbstractValidator<RecordScoresCommand>
{
    public RecordScoresValidator()
    {
        RuleFor(x => x.Scores).NotEmpty().WithMessage(_ => Localized.Text("Give at least one score.", "Hãy nêu ít nhất một điểm."));
        RuleFor(x => x.Scores).Must(s => s is null || s.Count <= 50_000).WithMessage(_ => Localized.Text("At most 50000 scores at once.", "Tối đa 50000 điểm mỗi lần."));
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

public sealed class RecordScoresHandler(IAppDbContext db, RequestFailures failures) : IRequestHandler<RecordScoresCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(RecordScoresCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        var scores = request.Scores ?? [];
        var units = await db.Units.LookUpCodesAsync(
            scores.Select((s, i) => new UnitCodeAt($"scores[{i}].unitCode", s.UnitCode!)).Where(c => failures.Accepted(c.Field)), cancellationToken);
        failures.AddRange(units.Unknown);
        failures.AddRange(RowFailures(scores, units, cluster, covenant, failures).ToList());
        failures.ThrowIfAny();
        covenant.EnsureScorable();

        foreach (var member in scores.GroupBy(s => units[s.UnitCode!].Id))
            covenant.Score(cluster, member.Key, member.Select(s => (s.CriterionId!.Value, s.Points!.Value)));
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }

    /// <summary>The registry's failures of the rows, on the fields the validators accepted (<paramref name="accepted"/>).</summary>
    private static IEnumerable<ValidationFailure> RowFailures(IReadOnlyList<ScoreInput> scores, UnitCodeLookup units, Cluster cluster, Covenant covenant,
        RequestFailures accepted)
    {
        var seen = new HashSet<(Guid, Guid)>();
        for (var i = 0; i < scores.Count; i++)
        {
            var (code, criterionId, points) = (scores[i].UnitCode, scores[i].CriterionId, scores[i].Points);
            var unit = accepted.Accepted($"scores[{i}].unitCode") && units.TryGet(code!, out var found) ? found : null;
            if (unit is not null && cluster.Members.All(m => m.UnitId != unit.Id))
                yield return Membership.NotAMember($"scores[{i}].unitCode", code!);
            if (!accepted.Accepted($"scores[{i}].criterionId")) continue;
            if (covenant.Criteria.FirstOrDefault(c => c.Id == criterionId) is not { } criterion)
                yield return new ValidationFailure($"scores[{i}].criterionId", Localized.Text($"The covenant has no criterion {criterionId}.", $"Giao ước thi đua không có tiêu chí {criterionId}."));
            else
            {
                if (accepted.Accepted($"scores[{i}].points") && points > criterion.MaxPoints)
                    yield return new ValidationFailure($"scores[{i}].points", Localized.Text(
                        $"{criterion.Code} '{criterion.Name}' takes 0 to {criterion.MaxPoints} points; {points} is outside.",
                        $"Tiêu chí {criterion.Code} '{criterion.Name}' được chấm từ 0 đến {criterion.MaxPoints} điểm; {points} nằm ngoài khoảng này."));
                if (unit is not null && !seen.Add((unit.Id, criterion.Id)))
                    yield return new ValidationFailure($"scores[{i}].criterionId", Localized.Text(
                        $"'{code!.Trim()}' is scored on {criterion.Code} twice in this request.",
                        $"'{code!.Trim()}' được chấm điểm tiêu chí {criterion.Code} hai lần trong yêu cầu này."));
            }
        }
    }
}

using FluentValidation;
using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// The 400 of a <see cref="IBulkWrite"/> being put together: the validators' failures, then the ones its handler finds
/// against the registry, answered at once. One per request scope.
/// </summary>
public sealed class RequestFailures
{
    private readonly List<ValidationFailure> _failures = [];
    private readonly HashSet<string> _refused = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the request's list with the validators' failures.</summary>
    internal void Start(IEnumerable<ValidationFailure> validators)
    {
        _failures.Clear();
        _refused.Clear();
        foreach (var failure in validators) Add(failure);
    }

    /// <summary>
    /// Whether no failure names the field (as the client sends it, e.g. <c>scores[2].unitCode</c>; the validators'
    /// <c>Scores[2].UnitCode</c> is the same field): only such a field is worth a registry check, and its value is there.
    /// </summary>
    public bool Accepted(string field) => !_refused.Contains(field);

    public void Add(ValidationFailure failure)
    {
        _failures.Add(failure);
        _refused.Add(failure.PropertyName);
    }

    public void AddRange(IEnumerable<ValidationFailure> failures)
    {
        foreach (var failure in failures) Add(failure);
    }

    /// <summary>Every failure found, the validators' and the registry's, as one ValidationException (→ 400).</summary>
    public void ThrowIfAny()
    {
        if (_failures.Count > 0) throw new ValidationException(_failures.ToList());
    }
}

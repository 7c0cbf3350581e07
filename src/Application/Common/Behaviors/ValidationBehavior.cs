using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the request before its handler; failures become a ValidationException (→ 400).
/// A bulk write's failures go to its handler instead, which answers them with the registry's in one 400 (<see cref="IBulkWrite"/>).
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, RequestFailures requestFailures)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // A list holding null is refused before any validator runs: validators take the elements of a list for granted.
        var (nullElements, failures) = RequestValues.Check(request);
        if (nullElements.Count > 0) throw new ValidationException(nullElements);

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (request is IBulkWrite) requestFailures.Start(failures);
        else if (failures.Count > 0) throw new ValidationException(failures);
        return await next();
    }
}

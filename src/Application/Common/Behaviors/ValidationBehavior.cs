using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of the request before its handler; failures become a ValidationException (→ 400).</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // A list holding null is refused before any validator runs: validators take the elements of a list for granted.
        var (nullElements, failures) = Validation.RequestValues.Check(request);
        if (nullElements.Count > 0) throw new ValidationException(nullElements);

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next();
    }
}

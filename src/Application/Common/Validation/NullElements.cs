using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// Finds null elements in the lists of a request, at any depth (<c>{"members":[null]}</c>, <c>addTasks[0].leads[0]</c>):
/// the contract's lists hold no nulls. The one check for every list of every request; it runs before the validators,
/// which may then take each element for granted.
/// </summary>
public static class NullElements
{
    public static IEnumerable<ValidationFailure> Find(object? request) =>
        RequestValues.Of(request)
            .Where(n => n is { IsElement: true, Value: null })
            .Select(n => new ValidationFailure(n.Path, Domain.Common.Localized.Text($"'{n.Path}' is null; a list holds no null elements.", $"'{n.Path}' là null; danh sách không được chứa phần tử null.")));
}

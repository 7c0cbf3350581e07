using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// A null element in a list of a request, at any depth (<c>{"members":[null]}</c>, <c>addTasks[0].leads[0]</c>): the
/// contract's lists hold no nulls. Checked for every list of every request in the one walk of
/// <see cref="RequestValues.Check"/>, before the validators, which may then take each element for granted.
/// </summary>
public static class NullElements
{
    public static ValidationFailure? Of(RequestValues.Node node) => node is { IsElement: true, Value: null }
        ? new ValidationFailure(node.Path, Domain.Common.Localized.Text($"'{node.Path}' is null; a list holds no null elements.", $"'{node.Path}' là null; danh sách không được chứa phần tử null."))
        : null;
}

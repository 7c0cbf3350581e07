using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// Finds text PostgreSQL cannot store (the NUL character) anywhere in a request — strings, lists of strings and nested
/// records of this application — so that it is refused as a 400 on its field instead of failing in the database (checked in the one walk of
/// <see cref="RequestValues.Check"/>).
/// </summary>
public static class UnstorableText
{
    public static ValidationFailure? Of(RequestValues.Node node) => node.Value is string s && Contains(s)
        ? new ValidationFailure(node.Path, Domain.Common.Localized.Text($"'{node.Path}' holds a NUL character, which cannot be stored.", $"'{node.Path}' chứa ký tự NUL, là ký tự không lưu được."))
        : null;

    public static bool Contains(string? value) => value is not null && value.Contains('\0');
}

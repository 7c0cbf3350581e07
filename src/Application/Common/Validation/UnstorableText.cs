using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// Finds text PostgreSQL cannot store (the NUL character) anywhere in a request — strings, lists of strings and nested
/// records of this application — so that it is refused as a 400 on its field instead of failing in the database.
/// </summary>
public static class UnstorableText
{
    public static IEnumerable<ValidationFailure> Find(object? request) =>
        RequestValues.Of(request)
            .Where(n => n.Value is string s && Contains(s))
            .Select(n => new ValidationFailure(n.Path, Domain.Common.Localized.Text($"'{n.Path}' holds a NUL character, which cannot be stored.", $"'{n.Path}' chứa ký tự NUL, là ký tự không lưu được.")));

    public static bool Contains(string? value) => value is not null && value.Contains('\0');
}

using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// Finds text PostgreSQL cannot store (the NUL character) anywhere in a request — strings, lists of strings and nested
/// records of this application — so that it is refused as a 400 on its field instead of failing in the database.
/// </summary>
public static class UnstorableText
{
    private const int MaxDepth = 4;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static IEnumerable<ValidationFailure> Find(object? request) => Scan(request, "", 0);

    public static bool Contains(string? value) => value is not null && value.Contains('\0');

    private static IEnumerable<ValidationFailure> Scan(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                yield break;
            case string s:
                if (Contains(s)) yield return new ValidationFailure(path, $"'{path}' holds a NUL character, which cannot be stored.");
                yield break;
            case IEnumerable items when value.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true || value is Array:
                var i = 0;
                foreach (var item in items)
                {
                    foreach (var failure in Scan(item, $"{path}[{i}]", depth + 1)) yield return failure;
                    i++;
                }
                yield break;
        }
        var type = value.GetType();
        if (depth >= MaxDepth || type.Assembly.GetName().Name?.StartsWith("EmulationApi", StringComparison.Ordinal) != true) yield break;
        foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType == typeof(string) || !p.PropertyType.IsValueType)
                                 && !typeof(IAsyncEnumerable<object>).IsAssignableFrom(p.PropertyType)
                                 && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
                     .ToArray()))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            foreach (var failure in Scan(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", depth + 1)) yield return failure;
        }
    }
}

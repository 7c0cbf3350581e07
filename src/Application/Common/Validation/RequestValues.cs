using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// Every value a request holds, with the JSON path a client knows it by (<c>addTasks[0].leads[1].unitCode</c>):
/// strings, the elements of lists, the properties of nested records of this application. The checks that apply to a
/// request as a whole (<see cref="UnstorableText"/>, <see cref="NullElements"/>) run in one walk, <see cref="Check"/>.
/// </summary>
public static class RequestValues
{
    private const int MaxDepth = 6;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Properties = new();

    /// <summary>A value of the request; <paramref name="IsElement"/> when it is an element of a list.</summary>
    public readonly record struct Node(string Path, object? Value, bool IsElement);

    public static IEnumerable<Node> Of(object? request) => Walk(request, "", isElement: false, 0);

    /// <summary>The request-wide checks, in one walk of the request: null list elements, then text that cannot be stored.</summary>
    public static (List<ValidationFailure> NullElements, List<ValidationFailure> UnstorableText) Check(object? request)
    {
        List<ValidationFailure> nulls = [], unstorable = [];
        foreach (var node in Of(request))
        {
            if (Validation.NullElements.Of(node) is { } nullElement) nulls.Add(nullElement);
            else if (Validation.UnstorableText.Of(node) is { } text) unstorable.Add(text);
        }
        return (nulls, unstorable);
    }

    private static IEnumerable<Node> Walk(object? value, string path, bool isElement, int depth)
    {
        if (path.Length > 0) yield return new Node(path, value, isElement);
        switch (value)
        {
            case null or string:
                yield break;
            case IEnumerable items when value.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true || value is Array:
                var i = 0;
                foreach (var item in items)
                {
                    foreach (var node in Walk(item, $"{path}[{i}]", isElement: true, depth + 1)) yield return node;
                    i++;
                }
                yield break;
        }
        if (depth >= MaxDepth) yield break;
        foreach (var (property, name) in Properties.GetOrAdd(value.GetType(), WalkedProperties))
            foreach (var node in Walk(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", isElement: false, depth + 1)) yield return node;
    }

    /// <summary>
    /// The properties walked into on a type, with their JSON names: none outside the API's own assemblies. Worked out
    /// once a type: asked per value, <c>Assembly.GetName()</c> (a new AssemblyName each call) and the lower-cased names
    /// showed in a CPU trace of a 100,000-row unit import, whose every row is walked (issue 15).
    /// </summary>
    private static (PropertyInfo Property, string Name)[] WalkedProperties(Type type) =>
        type.Assembly.GetName().Name?.StartsWith("EmulationApi", StringComparison.Ordinal) != true
            ? []
            : [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType == typeof(string) || !p.PropertyType.IsValueType)
                            && !typeof(IAsyncEnumerable<object>).IsAssignableFrom(p.PropertyType)
                            && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
                .Select(p => (p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..]))];
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using EmulationApi.Api.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace EmulationApi.Api.Errors;

/// <summary>
/// Says which input of a request the framework could not bind. The framework's <see cref="BadHttpRequestException"/>
/// carries no field, so the answer comes from what the framework does give: the endpoint's binding metadata (one
/// <see cref="IParameterBindingMetadata"/> per handler parameter, with its name, type and optionality) held against
/// the request's route and query values, and whether the endpoint binds a parameter from the body. Never from the
/// exception's message.
/// </summary>
internal static class BindingFailure
{
    public static (Dictionary<string, string[]> Errors, bool BodyBound) Diagnose(HttpContext http)
    {
        // The exception handler runs with the endpoint and route values cleared; the feature keeps the failed request's.
        var failed = http.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? http.GetEndpoint();
        var route = failed?.RouteValues ?? http.Request.RouteValues;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, declared, optional, fromUrl) in Parameters(endpoint))
        {
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            // A list (?state=A&state=B) is bound value by value.
            var element = type.IsArray ? type.GetElementType()! : type;
            // A text from the route or query needs no parsing, only to be there.
            if (!IsParsed(element) && !(element == typeof(string) && fromUrl)) continue;
            var (key, values) = Find(route, http.Request.Query, name);
            if (key is null)
            {
                if (!optional) errors[char.ToLowerInvariant(name[0]) + name[1..]] = [Domain.Common.Localized.Text("A value is required.", "Bắt buộc phải có giá trị.")];
            }
            // An empty enum value is taken as absent by the framework (and by EnumQueryValues).
            else if (element != typeof(string) && values.FirstOrDefault(v => !(element.IsEnum && string.IsNullOrEmpty(v)) && !Parses(element, v)) is { } value)
            {
                errors[key] = [element.IsEnum ? UnknownEnumValueException.Describe(element, value) : Domain.Common.Localized.Text($"'{value}' is not a valid value.", $"'{value}' không phải là giá trị hợp lệ.")];
            }
        }
        return (errors, BindsBody(endpoint));
    }

    /// <summary>
    /// The endpoint's parameters bound from the route or query that are enums or lists of enums: their names and enum
    /// types. Read once per endpoint.
    /// </summary>
    public static IReadOnlyList<(string Name, Type EnumType)> EnumParameters(Endpoint endpoint) =>
        EnumParametersByEndpoint.GetOrAdd(endpoint, e => [.. Parameters(e)
            .Select(p => (p.Name, Type: Nullable.GetUnderlyingType(p.Type) ?? p.Type))
            .Select(p => (p.Name, EnumType: p.Type.IsArray ? p.Type.GetElementType()! : p.Type))
            .Where(p => p.EnumType.IsEnum)]);

    private static readonly ConcurrentDictionary<Endpoint, IReadOnlyList<(string Name, Type EnumType)>> EnumParametersByEndpoint = new();

    /// <summary>The values of a route or query parameter as the client sent them, under the key it used; no key when absent.</summary>
    public static (string? Key, StringValues Values) Find(HttpContext http, string name) =>
        Find(http.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? http.Request.RouteValues, http.Request.Query, name);

    /// <summary>True when the framework binds a handler parameter from the body (the endpoint accepts that parameter's type).</summary>
    private static bool BindsBody(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body
        && (endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()).Any(p => p.ParameterInfo.ParameterType == body);

    /// <summary>The handler's parameters as bound, <c>[AsParameters]</c> records expanded into their members; FromUrl:
    /// bound from the route or query (no attribute naming the body, a header, a form or a service).</summary>
    private static IEnumerable<(string Name, Type Type, bool Optional, bool FromUrl)> Parameters(Endpoint? endpoint)
    {
        foreach (var binding in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var parameter = binding.ParameterInfo;
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is null)
            {
                yield return (binding.Name, parameter.ParameterType, binding.IsOptional, FromUrl(parameter));
                continue;
            }
            var constructor = parameter.ParameterType.GetConstructors().MaxBy(c => c.GetParameters().Length);
            foreach (var member in constructor?.GetParameters() ?? [])
                yield return (member.Name!, member.ParameterType, member.HasDefaultValue || new NullabilityInfoContext().Create(member).WriteState == NullabilityState.Nullable, FromUrl(member));
        }

        static bool FromUrl(ParameterInfo p) => !p.GetCustomAttributes().Any(a =>
            a is IFromBodyMetadata or IFromHeaderMetadata or IFromFormMetadata or IFromServiceMetadata or FromKeyedServicesAttribute);
    }

    /// <summary>Types the framework parses from text (enums and <see cref="IParsable{TSelf}"/>); strings need no parsing.</summary>
    private static bool IsParsed(Type type) => type != typeof(string) && (type.IsEnum || TryParseMethod(type) is not null);

    private static bool Parses(Type type, string? value)
    {
        if (type.IsEnum) return UnknownEnumValueException.IsName(type, value);
        var method = TryParseMethod(type)!;
        object?[] arguments = method.GetParameters().Length == 3 ? [value, CultureInfo.InvariantCulture, null] : [value, null];
        return method.Invoke(null, arguments) is true;
    }

    // TryParse(string, IFormatProvider, out T) as IParsable<T> has it, or TryParse(string, out T) (bool).
    private static MethodInfo? TryParseMethod(Type type) =>
        type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()])
        ?? type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);

    /// <summary>The route or query values for a parameter, under the key the client sent them with.</summary>
    private static (string? Key, StringValues Values) Find(RouteValueDictionary route, IQueryCollection query, string name)
    {
        foreach (var (key, value) in route)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return (key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        foreach (var (key, value) in query)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return (key, value);
        return (null, StringValues.Empty);
    }
}

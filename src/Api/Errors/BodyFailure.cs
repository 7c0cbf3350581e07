using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using EmulationApi.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace EmulationApi.Api.Errors;

/// <summary>
/// Says whether a JSON body the serializer refused holds a property its schema does not list, and which properties the
/// object there accepts. The serializer's <see cref="JsonException"/> gives the JSON path of the failure
/// (<c>$.members[0].rank</c>); held against the contract of the endpoint's body type (its <see cref="JsonTypeInfo"/>,
/// the one the serializer read it with), a path whose last name is no property of its object is an unknown property.
/// Never from the exception's message.
/// </summary>
internal static partial class BodyFailure
{
    /// <summary>"Unknown property 'x'; this operation accepts: a, b." when the path ends in an unknown property; else null.</summary>
    public static string? UnknownProperty(HttpContext http, string path)
    {
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } bodyType) return null;
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var type = options.GetTypeInfo(bodyType);
        var segments = Segment().Matches(path).ToList();
        if (segments.Count == 0 || string.Concat(segments.Select(s => s.Value)) != path.TrimStart('$')) return null;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Groups["index"].Success)
            {
                if (type.ElementType is not { } element) return null;
                type = options.GetTypeInfo(element);
                continue;
            }
            var name = segments[i].Groups["name"].Value;
            if (type.Kind != JsonTypeInfoKind.Object) return null;
            if (type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal)) is { } property)
            {
                type = options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
                continue;
            }
            if (i < segments.Count - 1) return null;
            var accepted = string.Join(", ", type.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null)
                .Select(p => p.Name).Order(StringComparer.Ordinal));
            var parent = string.Concat(segments.Take(i).Select(s => s.Value)).TrimStart('.');
            return parent.Length == 0
                ? Domain.Common.Localized.Text($"Unknown property '{name}'; this operation accepts: {accepted}.",
                    $"Thuộc tính '{name}' không xác định; thao tác này nhận các thuộc tính: {accepted}.")
                : Domain.Common.Localized.Text($"Unknown property '{name}' in '{parent}'; it accepts: {accepted}.",
                    $"Thuộc tính '{name}' trong '{parent}' không xác định; '{parent}' nhận các thuộc tính: {accepted}.");
        }
        return null;
    }

    // One step of a System.Text.Json path: .name, ['name with special characters'] or [index].
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>.*?)'\]|\[(?<index>\d+)\]", RegexOptions.ExplicitCapture, RegexTimeout.Milliseconds)]
    private static partial Regex Segment();
}

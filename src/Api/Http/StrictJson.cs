using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EmulationApi.Api.Http;

/// <summary>
/// JSON bodies are read as the OpenAPI document describes them (every object schema says
/// <c>additionalProperties: false</c>), so that a client's typo is refused instead of silently dropped:
/// <list type="bullet">
/// <item>a property the schema does not list is refused (<see cref="JsonUnmappedMemberHandling.Disallow"/>), including
/// one the server fills itself from the route or the If-Match header (<c>id</c>, <c>expectedVersion</c>);</item>
/// <item>names are matched as written (<c>Code</c> is not <c>code</c>, hence unknown) and each at most once;</item>
/// <item>numbers are JSON numbers, not strings holding digits; enums are their names (<see cref="StrictEnumConverter"/>).</item>
/// </list>
/// The failures are JsonExceptions carrying the JSON path; the exception handler names the field from it.
/// </summary>
public static class StrictJson
{
    public static void ReadAsTheContractSays(JsonSerializerOptions options)
    {
        options.Converters.Add(new StrictEnumConverter());
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(IgnoredPropertiesAreUnknown);
    }

    // The serializer keeps a [JsonIgnore] property in the contract (without accessors) and skips its value when a body
    // holds it; removed from the contract, it is an unknown property like any other.
    private static void IgnoredPropertiesAreUnknown(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i] is { Get: null, Set: null, AssociatedParameter: null })
                type.Properties.RemoveAt(i);
        }
    }
}

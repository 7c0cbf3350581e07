using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Makes <c>required</c> and <c>nullable</c> exact, so generated clients get the right optionality:
/// <list type="bullet">
/// <item>what the API sends (DTOs, problems): every property is always present, so all are required; only those that
/// can be null are nullable;</item>
/// <item>what clients send (types with a FluentValidation validator): a property is required when its validator
/// demands it (NotNull/NotEmpty without a condition) or when it is a non-nullable value without a default; a required
/// property is not nullable.</item>
/// </list>
/// Problem details also document the <c>traceId</c> every problem carries.
/// </summary>
public sealed class ContractSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    public void Apply(IOpenApiSchema model, SchemaFilterContext context)
    {
        if (model is not OpenApiSchema schema || schema.Properties is not { Count: > 0 } properties) return;
        var type = context.Type;

        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id; the server's log line for the request carries the same." };
            schema.Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status", "traceId" };
            foreach (var name in schema.Required)
                if (properties[name] is OpenApiSchema p && p.Type is { } t) p.Type = t & ~JsonSchemaType.Null;
            return;
        }

        // A request's rules live in its validator and in the validators of the field sets it shares (Include(...)):
        // a base record such as PlanFields, or an interface.
        var validators = new[] { type }.Concat(BaseTypes(type)).Concat(type.GetInterfaces())
            .Select(t => services.GetService(typeof(IValidator<>).MakeGenericType(t))).OfType<IValidator>().ToList();
        var demanded = validators.SelectMany(Demanded).ToHashSet(StringComparer.Ordinal);
        InlineNullableEnums(type, properties, demanded);
        NullableReferences(type, properties, demanded);
        if (validators.Count > 0)
        {
            var defaults = DefaultedParameters(type);
            var required = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = JsonName(property.Name);
                if (!properties.ContainsKey(name)) continue;
                var nonNullableValue = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null;
                // Demanded: never null, even where a default makes it optional (a role left out is Member; null is refused).
                if (demanded.Contains(property.Name) && properties[name] is OpenApiSchema p && p.Type is { } t)
                {
                    p.Type = t & ~JsonSchemaType.Null;
                    p.Enum?.Remove(p.Enum.FirstOrDefault(e => e is null)!);
                    if (p.Enum is { } values) p.Enum = values.Where(e => e is not null).ToList();
                }
                if ((demanded.Contains(property.Name) || nonNullableValue) && !defaults.Contains(property.Name)) required.Add(name);
            }
            schema.Required = required;
            return;
        }

        if (!type.IsEnum && type.Namespace?.StartsWith("EmulationApi.", StringComparison.Ordinal) == true)
        {
            schema.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
            NullableReferences(type, properties);
        }
    }

    /// <summary>
    /// A property whose type has a schema of its own is a bare <c>$ref</c>, which OpenAPI 3.0 cannot mark nullable; one
    /// that can be null (a tombstone's timing) becomes <c>type: object, nullable: true, allOf: [$ref]</c> (the type beside nullable, as 3.0 tools require).
    /// </summary>
    private static void NullableReferences(Type type, IDictionary<string, IOpenApiSchema> properties)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonName(property.Name);
            if (property.PropertyType.IsValueType || !properties.TryGetValue(name, out var existing)
                || existing is not OpenApiSchemaReference reference || nullability.Create(property).ReadState != NullabilityState.Nullable) continue;
            properties[name] = new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = reference.Description };
        }
    }

    /// <summary>
    /// A property of type <c>TEnum?</c> is a bare <c>$ref</c>, which OpenAPI 3.0 cannot mark nullable; it becomes an
    /// inline string enum that is (null among its values). Demanded ones (never null) keep the reference.
    /// </summary>
    private static void InlineNullableEnums(Type type, IDictionary<string, IOpenApiSchema> properties, HashSet<string> demanded)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // A demanded enum is never null: it stays a reference to the named enum.
            if (demanded.Contains(property.Name) || Nullable.GetUnderlyingType(property.PropertyType) is not { IsEnum: true } enumType) continue;
            var name = JsonName(property.Name);
            if (!properties.TryGetValue(name, out var existing) || existing is not OpenApiSchemaReference reference) continue;
            properties[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Enum = [.. Enum.GetNames(enumType).Select(n => (System.Text.Json.Nodes.JsonNode)n), null!],
                Description = reference.Description,
            };
        }
    }

    /// <summary>
    /// A nullable property of an object type (<c>UnitRefDto?</c>) is a bare <c>$ref</c> too, which OpenAPI 3.0 cannot mark
    /// nullable; it becomes <c>allOf: [$ref], nullable: true</c>.
    /// </summary>
    private static void NullableReferences(Type type, IDictionary<string, IOpenApiSchema> properties, HashSet<string> demanded)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (demanded.Contains(property.Name) || property.PropertyType.IsValueType
                || nullability.Create(property).ReadState != NullabilityState.Nullable) continue;
            var name = JsonName(property.Name);
            if (!properties.TryGetValue(name, out var existing) || existing is not OpenApiSchemaReference reference) continue;
            properties[name] = new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = reference.Description };
        }
    }

    /// <summary>Members that a validator demands unconditionally.</summary>
    private static HashSet<string> Demanded(IValidator validator)
    {
        var demanded = new HashSet<string>(StringComparer.Ordinal);
        var descriptor = validator.CreateDescriptor();
        foreach (var member in descriptor.GetMembersWithValidators())
        {
            if (member.Any(v => v.Validator is INotNullValidator or INotEmptyValidator && !v.Options.HasCondition && !v.Options.HasAsyncCondition))
                demanded.Add(member.Key);
        }
        return demanded;
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t is not null && t != typeof(object); t = t.BaseType) yield return t;
    }

    /// <summary>Positional record parameters with a default: optional in JSON.</summary>
    private static HashSet<string> DefaultedParameters(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters()
            .Where(p => p.HasDefaultValue).Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

using System.Globalization;
using System.Text.Json.Nodes;
using EmulationApi.Domain.Common;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Declares the range of every date and timestamp (<see cref="Dates"/>): JSON Schema's <c>minimum</c>/<c>maximum</c>
/// apply to numbers, not to <c>format: date</c> strings, so the range is written as the extensions <c>x-minimum</c> and
/// <c>x-maximum</c> (a date, or an instant in UTC), which generators and fuzzers can read and validators ignore.
/// </summary>
public sealed class DateRangeSchemaFilter : ISchemaFilter
{
    private static readonly DateTimeOffset LastInstant = new DateTimeOffset(Dates.Last.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero).AddTicks(-1);

    public void Apply(IOpenApiSchema model, SchemaFilterContext context)
    {
        if (model is not OpenApiSchema schema) return;
        var type = Nullable.GetUnderlyingType(context.Type) ?? context.Type;
        var (minimum, maximum) = type == typeof(DateOnly)
            ? (Dates.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Dates.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : type == typeof(DateTimeOffset)
                ? (new DateTimeOffset(Dates.First, TimeOnly.MinValue, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                   LastInstant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
                : (null, null);
        if (minimum is null || maximum is null) return;
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        schema.Extensions["x-minimum"] = new JsonNodeExtension(JsonValue.Create(minimum));
        schema.Extensions["x-maximum"] = new JsonNodeExtension(JsonValue.Create(maximum));
    }
}

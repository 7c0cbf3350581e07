using System.Net.Http.Headers;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Reads a bulk load's rows by the body's media type: a JSON array (<see cref="UnitJsonReader"/>) or CSV
/// (<see cref="UnitCsvReader"/>); a charset parameter is ignored, both are read as UTF-8. Stateless and thread-safe.
/// </summary>
public sealed class UnitRowReader : IUnitRowReader
{
    public static readonly string[] MediaTypes = ["application/json", "text/csv"];

    public IAsyncEnumerable<UnitImportRow> Read(Stream body, string? mediaType, CancellationToken ct) =>
        (MediaTypeHeaderValue.TryParse(mediaType, out var media) ? media.MediaType?.ToLowerInvariant() : null) switch
        {
            "application/json" => UnitJsonReader.ReadAsync(body, ct),
            "text/csv" => UnitCsvReader.ReadAsync(body, ct),
            _ => throw new UnsupportedMediaTypeException(mediaType, MediaTypes),
        };
}

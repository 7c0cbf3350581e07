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

    /// <summary>
    /// The longest row either format may hold, in bytes of the body: a CSV record without its line break, a JSON array
    /// item with the white space before it. A longer row is refused naming it, as soon as it is read that far, so memory
    /// stays flat whatever the body. The longest unit a row can describe (all columns at their limits, 50 aliases of 300
    /// characters, in decomposed Unicode or with every character a JSON \uXXXX escape) takes under 100 KB.
    /// </summary>
    public const int MaxRowBytes = 256 * 1024;

    public IAsyncEnumerable<UnitImportRow> Read(Stream body, string? mediaType, CancellationToken ct) =>
        (MediaTypeHeaderValue.TryParse(mediaType, out var media) ? media.MediaType?.ToLowerInvariant() : null) switch
        {
            "application/json" => UnitJsonReader.ReadAsync(body, ct),
            "text/csv" => UnitCsvReader.ReadAsync(body, ct),
            _ => throw new UnsupportedMediaTypeException(mediaType, MediaTypes),
        };
}

using System.Runtime.CompilerServices;
using EmulationApi.Application.Units;
using EmulationApi.Infrastructure.Import;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Endpoints;

/// <summary>Picks the reader for a bulk-load body by its media type: JSON array, CSV, or a CSV/JSON file in multipart form data.</summary>
public static class UnitImportBody
{
    public static readonly string[] MediaTypes = ["application/json", "text/csv", "multipart/form-data"];

    public static IAsyncEnumerable<UnitImportRow> Read(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            throw new BadHttpRequestException($"Send the units as one of: {string.Join(", ", MediaTypes)}.", StatusCodes.Status415UnsupportedMediaType);
        var type = media.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "application/json" => UnitJsonReader.ReadAsync(request.Body, ct),
            "text/csv" => UnitCsvReader.ReadAsync(request.Body, ct),
            "multipart/form-data" => FromMultipart(request, HeaderUtilities.RemoveQuotes(media.Boundary).Value, ct),
            _ => throw new BadHttpRequestException($"Send the units as one of: {string.Join(", ", MediaTypes)}.", StatusCodes.Status415UnsupportedMediaType),
        };
    }

    /// <summary>Streams the first file part; it is CSV unless its media type or file name says JSON.</summary>
    private static async IAsyncEnumerable<UnitImportRow> FromMultipart(HttpRequest request, string? boundary, [EnumeratorCancellation] CancellationToken ct)
    {
        if (string.IsNullOrEmpty(boundary)) throw new BadHttpRequestException("The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                continue;
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            var isJson = section.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                         || fileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true;
            var rows = isJson ? UnitJsonReader.ReadAsync(section.Body, ct) : UnitCsvReader.ReadAsync(section.Body, ct);
            await foreach (var row in rows) yield return row;
            yield break;
        }
        throw new BadHttpRequestException("The multipart body holds no file part; send the CSV or JSON as a file field.");
    }
}

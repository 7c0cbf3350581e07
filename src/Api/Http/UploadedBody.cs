using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>
/// The raw input of an upload, as a use case reads it: the request body with its media type, or — for
/// <c>multipart/form-data</c> — the first file part with its own (JSON when the part's media type or file name says so,
/// else CSV). Only the HTTP envelope is opened here; reading the content is the use case's business.
/// </summary>
public static class UploadedBody
{
    public static async Task<(Stream Body, string? MediaType)> OpenAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (request.Body, request.ContentType);

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new BadHttpRequestException("The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                continue;
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            var isJson = section.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                         || fileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true;
            return (section.Body, isJson ? "application/json" : "text/csv");
        }
        throw new BadHttpRequestException("The multipart body holds no file part; send the CSV or JSON as a file field.");
    }
}

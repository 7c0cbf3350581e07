using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>
/// The raw input of an upload, as a use case reads it: the request body with its media type, or — for
/// <c>multipart/form-data</c> — its one file part with its own (JSON when the part's media type or file name says so,
/// else CSV). Only the HTTP envelope is opened here; reading the content is the use case's business. A malformed
/// envelope — no boundary, one longer than RFC 2046's 70 characters, a body that ends before its closing boundary,
/// oversized part headers, no file part or more than one — is a 400 naming the problem, found while the use case
/// streams the file, so before anything it reads is committed.
/// </summary>
public static class UploadedBody
{
    /// <summary>RFC 2046 §5.1.1: a boundary is 1 to 70 characters.</summary>
    private const int MaxBoundaryLength = 70;

    public static async Task<(Stream Body, string? MediaType)> OpenAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (request.Body, request.ContentType);

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new BadHttpRequestException(Domain.Common.Localized.Text("The multipart body has no boundary.", "Nội dung multipart không có ranh giới (boundary)."));
        if (boundary.Length > MaxBoundaryLength) throw new BadHttpRequestException(Domain.Common.Localized.Text($"The multipart boundary is longer than {MaxBoundaryLength} characters.", $"Ranh giới (boundary) của nội dung multipart dài quá {MaxBoundaryLength} ký tự."));
        var envelope = new Envelope(new MultipartReader(boundary, request.Body), boundary);
        while (await envelope.NextSectionAsync(ct) is { } section)
        {
            if (FileName(section) is not { } fileName) continue;
            var isJson = section.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                         || fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            return (new FilePart(section.Body, envelope), isJson ? "application/json" : "text/csv");
        }
        throw new BadHttpRequestException(Domain.Common.Localized.Text("The multipart body holds no file part; send the CSV or JSON as a file field.", "Nội dung multipart không có phần tệp; hãy gửi tệp CSV hoặc JSON trong một trường tệp."));
    }

    /// <summary>The part's file name ("" when it has none), or null when the part is not a file.</summary>
    private static string? FileName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition()
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value) ?? ""
            : null;

    /// <summary>The multipart reader, whose failures (the body ends early, a part's headers are too many or too long) become 400s.</summary>
    private sealed class Envelope(MultipartReader reader, string boundary)
    {
        public async Task<MultipartSection?> NextSectionAsync(CancellationToken ct)
        {
            try
            {
                return await reader.ReadNextSectionAsync(ct);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw Malformed(e);
            }
        }

        public BadHttpRequestException Malformed(Exception e) => e is InvalidDataException
            ? new BadHttpRequestException(Domain.Common.Localized.Text(
                $"The multipart body is malformed: a part has more than {reader.HeadersCountLimit} headers or longer header lines than {reader.HeadersLengthLimit / 1024} KiB in all.",
                $"Nội dung multipart sai cấu trúc: một phần có quá {reader.HeadersCountLimit} tiêu đề hoặc các dòng tiêu đề dài quá {reader.HeadersLengthLimit / 1024} KiB."), e)
            : new BadHttpRequestException(Domain.Common.Localized.Text($"The multipart body ends before its closing boundary '--{boundary}--'.", $"Nội dung multipart kết thúc trước ranh giới đóng '--{boundary}--'."), e);
    }

    /// <summary>
    /// The file part's content. At its end, the rest of the body is read: another file part, or a body that ends before
    /// its closing boundary, is refused then — before the use case, which reads to the end, commits anything.
    /// </summary>
    private sealed class FilePart(Stream body, Envelope envelope) : Application.Common.Streams.ForwardReadStream
    {
        private bool _restChecked;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read;
            try
            {
                read = await body.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw envelope.Malformed(e);
            }
            if (read == 0 && !_restChecked)
            {
                _restChecked = true;
                while (await envelope.NextSectionAsync(cancellationToken) is { } next)
                {
                    if (FileName(next) is not null)
                        throw new BadHttpRequestException(Domain.Common.Localized.Text("The multipart body holds more than one file part; send one file per import.", "Nội dung multipart có nhiều hơn một phần tệp; mỗi lần nhập chỉ gửi một tệp."));
                }
            }
            return read;
        }
    }
}

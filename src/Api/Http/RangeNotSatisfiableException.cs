using EmulationApi.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>
/// A download's one byte range lies wholly outside the file (RFC 9110 15.5.17): answered 416 as problem+json with
/// <c>Content-Range: bytes */length</c>. Ranges the file overlaps are served by the framework's range processing.
/// </summary>
public sealed class RangeNotSatisfiableException(long length) : Exception(Localized.Text(
    $"The file has {length} bytes; ask for a range within them.",
    $"Tệp có {length} byte; hãy yêu cầu một khoảng nằm trong đó."))
{
    public long Length { get; } = length;

    /// <summary>The refusal for a request whose single byte range misses a file of <paramref name="length"/> bytes; else null.</summary>
    public static RangeNotSatisfiableException? Outside(HttpRequest request, long length) =>
        request.GetTypedHeaders().Range is { Unit.Value: "bytes", Ranges.Count: 1 } range
        && range.Ranges.Single() is var r
        && (r.From >= length || r is { From: null, To: 0 })
            ? new RangeNotSatisfiableException(length)
            : null;
}

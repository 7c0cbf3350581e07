using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>
/// The one place where ETags are made and conditional headers are read. Every ETag is strong and has one shape:
/// <list type="bullet">
/// <item><c>"42"</c>: a resource whose representation is its own row — the row version;</item>
/// <item><c>"42-1a2b3c4d"</c>: a resource whose representation depends on more than its row (a plan's task
/// count, a task's units and its timeliness on a date) — the row version and a digest of the representation, so that
/// If-None-Match answers 304 only when the client's copy is exactly current;</item>
/// <item><c>"1a2b3c4d"</c>: a collection, which has no row — a digest of the state its page depends on;</item>
/// <item><c>"9f86d0…"</c> (64 hex digits): an attachment's content, which never changes — its SHA-256.</item>
/// </list>
/// If-Match takes the version part of each ETag it lists: a write based only on older versions is refused (412) by the
/// Application's version check. If-None-Match is decided here: a read whose ETag the client already holds is 304 with no body.
/// </summary>
public static partial class ETags
{
    /// <summary>The ETag of a resource whose representation is its row.</summary>
    public static string For(uint version) => $"\"{version}\"";

    /// <summary>The ETag of a resource whose representation depends on more than its row.</summary>
    public static string For<T>(uint version, T representation) => $"\"{version}-{Digest(representation)}\"";

    /// <summary>The ETag of an attachment's content: its SHA-256 in hex.</summary>
    public static string ForContent(string sha256Hex) => $"\"{sha256Hex}\"";

    /// <summary>The ETag of a collection: a digest of the state the page depends on.</summary>
    public static string ForState<T>(T state) => $"\"{Digest(state)}\"";

    /// <summary>
    /// The versions an If-Match header names: one strong ETag or a list of them (RFC 9110 13.1.1); the write goes ahead
    /// when the resource is at any of them. Null when absent or <c>*</c> (any current representation: an existing
    /// resource always matches). A malformed header — a member that is weak, unquoted or not an ETag this API gives, or
    /// <c>*</c> inside a list — is a 400.
    /// </summary>
    public static ExpectedVersion? IfMatchVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header.ToString()) || header.ToString().Trim() == "*") return null;
        var versions = new List<uint>();
        if (EntityTagHeaderValue.TryParseStrictList(header, out var tags))
        {
            foreach (var tag in tags)
            {
                if (tag.IsWeak || VersionTag().Match(tag.Tag.Value ?? "") is not { Success: true } m
                    || !uint.TryParse(m.Groups["version"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
                    break;
                versions.Add(version);
            }
            if (versions.Count == tags.Count && versions.Count > 0) return new ExpectedVersion(versions);
        }
        throw new MalformedHeaderException(HeaderNames.IfMatch,
            Domain.Common.Localized.Text(
                "If-Match must be * or hold one or more strong ETags as given by the ETag header, e.g. \"42\" or \"41\", \"42\".",
                "If-Match phải là * hoặc chứa một hay nhiều ETag mạnh như tiêu đề ETag đã trả về, ví dụ \"42\" hoặc \"41\", \"42\"."));
    }

    /// <summary>Answers a read: sets the ETag, and 304 without a body when the client's If-None-Match already names it.</summary>
    public static Results<Ok<T>, StatusCodeHttpResult> Read<T>(HttpContext http, string etag, T value)
    {
        http.Response.Headers.ETag = etag;
        return NoneMatch(http.Request, etag) ? NotModified() : TypedResults.Ok(value);
    }

    /// <summary>Answers a read whose value is costly: reads it only when the client's copy is not current.</summary>
    public static async Task<Results<Ok<T>, StatusCodeHttpResult>> ReadAsync<T>(HttpContext http, string etag, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        http.Response.Headers.ETag = etag;
        return NoneMatch(http.Request, etag) ? NotModified() : TypedResults.Ok(await read(ct));
    }

    /// <summary>Sets the ETag; true when the client's If-None-Match already names it (answer 304), for answers that are not JSON.</summary>
    public static bool SetAndMatch(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        return NoneMatch(http.Request, etag);
    }

    private static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);

    // If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; * matches any current representation.
    private static bool NoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        return EntityTagHeaderValue.TryParseList(header, out var tags)
               && tags.Any(t => t.Tag == "*" || t.Tag.AsSpan().SequenceEqual(etag));
    }

    // 32 bits of SHA-256 over the value's JSON, as 8 hex digits: enough to tell two states of one resource apart.
    private static string Digest<T>(T value) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web)), 0, 4);

    // "42" (a version) or "42-1a2b3c4d" (a version and a digest of the representation); If-Match needs the version.
    [GeneratedRegex(@"^""(?<version>\d+)(?:-[0-9a-f]{8})?""$", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex VersionTag();
}

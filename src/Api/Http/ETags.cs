using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>Strong ETags over a resource's version, and the If-Match / If-None-Match checks built on them.</summary>
public static partial class ETags
{
    public static string For(uint version) => $"\"{version}\"";

    /// <summary>
    /// An ETag for a representation that depends on more than its own row (a plan's task count, a task's units and
    /// its timeliness on a date): the version, for If-Match, and a digest of the
    /// representation itself, so that If-None-Match answers 304 only when the client's copy is exactly current.
    /// </summary>
    public static string For<T>(uint version, T representation)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(representation, System.Text.Json.JsonSerializerOptions.Web));
        return $"\"{version}-{Convert.ToHexStringLower(digest, 0, 4)}\"";
    }

    /// <summary>The version an If-Match header names; null when absent or <c>*</c>. A malformed header is a 400.</summary>
    public static uint? IfMatchVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && VersionTag().Match(tag.Tag.Value ?? "") is { Success: true } m && uint.TryParse(m.Groups[1].Value, out var version))
            return version;
        throw new BadHttpRequestException("If-Match must hold one strong ETag as given by the ETag header, e.g. \"42\".");
    }

    /// <summary>Answers a read: sets the ETag, and 304 without a body when the client's If-None-Match already names it.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<T>, Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult> Read<T>(
        HttpContext http, string etag, T value)
    {
        http.Response.Headers.ETag = etag;
        return NoneMatch(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(value);
    }

    /// <summary>True when the client's If-None-Match already names this ETag (the answer is then 304).</summary>
    public static bool NoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        return EntityTagHeaderValue.TryParseList(header, out var tags)
               && tags.Any(t => t.Tag == "*" || t.Tag.AsSpan().SequenceEqual(etag));
    }

    // "42" (a version) or "42-1a2b3c4d" (a version and a digest of the representation).
    [System.Text.RegularExpressions.GeneratedRegex(@"^""(\d+)(?:-[0-9a-f]{8})?""$")]
    private static partial System.Text.RegularExpressions.Regex VersionTag();
}

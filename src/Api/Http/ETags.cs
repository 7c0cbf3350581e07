using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Http;

/// <summary>Strong ETags over a resource's version, and the If-Match / If-None-Match checks built on them.</summary>
public static partial class ETags
{
    public static string For(uint version) => $"\"{version}\"";

    /// <summary>An ETag for a representation that also depends on a reference date (a task's timeliness).</summary>
    public static string For(uint version, DateOnly asOf) => $"\"{version}-{asOf:yyyyMMdd}\"";

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

    /// <summary>True when the client's If-None-Match already names this ETag (the answer is then 304).</summary>
    public static bool NoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        return EntityTagHeaderValue.TryParseList(header, out var tags)
               && tags.Any(t => t.Tag == "*" || t.Tag.AsSpan().SequenceEqual(etag));
    }

    // "42" (a version) or "42-20261124" (a version on a reference date).
    [System.Text.RegularExpressions.GeneratedRegex(@"^""(\d+)(?:-\d{8})?""$")]
    private static partial System.Text.RegularExpressions.Regex VersionTag();
}

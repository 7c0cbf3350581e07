using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmulationApi.Domain.Common;

namespace EmulationApi.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Checks every answer the test suite receives against the committed OpenAPI document (openapi/v1.json): the status
/// must be documented for the operation, the content type must be one it lists, and the body must match its schema
/// (types, formats, enums, required and nullable properties, no undocumented properties). A mismatch fails the test
/// that made the request, naming the operation and the JSON path.
/// </summary>
public sealed class ContractValidator
{
    public static readonly Lazy<ContractValidator> Committed = new(() => new ContractValidator(JsonNode.Parse(File.ReadAllText(DocumentPath))!.AsObject()));

    public static string DocumentPath => Path.Combine(RepositoryRoot(), "openapi", "v1.json");

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(RegexTimeout.Milliseconds);

    private readonly JsonObject _document;
    private readonly List<(Regex Pattern, string Template, JsonObject Item)> _paths;

    public ContractValidator(JsonObject document)
    {
        _document = document;
        _paths = document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+", RegexOptions.None, MatchTimeout) + "$", RegexOptions.None, MatchTimeout),
                p.Key, p.Value!.AsObject()))
            // Literal segments win over parameters (/units/import before /units/{id}).
            .OrderBy(p => p.Key.Count(c => c == '{')).ToList();
    }

    /// <summary>The response headers a generated client may read: sent on an answer, each must be declared on it.</summary>
    public static readonly string[] WatchedHeaders = ["ETag", "Location", "Content-Range", "Accept-Ranges", "Repr-Digest", "Last-Modified", "Content-Disposition"];

    /// <summary>The watched headers an answer carries that the document does not declare on that answer's status.</summary>
    public IReadOnlyList<string> CheckHeaders(string method, string path, HttpStatusCode status, Func<string, bool> sent)
    {
        var match = _paths.FirstOrDefault(p => p.Pattern.IsMatch(path) && p.Item[method.ToLowerInvariant()] is not null);
        if (match.Template is null) return [];
        var operation = match.Item[method.ToLowerInvariant()]!.AsObject();
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        if (operation["responses"]![code] is not JsonObject response) return [];
        var declared = response["headers"]?.AsObject();
        return [.. WatchedHeaders.Where(h => sent(h) && declared?.ContainsKey(h) != true)
            .Select(h => $"{operation["operationId"]} ({method} {match.Template}) {code}: sent {h}, which the document does not declare")];
    }

    /// <summary>The problems with one answer; empty when it matches the document.</summary>
    public IReadOnlyList<string> Check(string method, string path, HttpStatusCode status, string? mediaType, string body)
    {
        var match = _paths.FirstOrDefault(p => p.Pattern.IsMatch(path) && p.Item[method.ToLowerInvariant()] is not null);
        if (match.Template is null) return [];
        var operation = match.Item[method.ToLowerInvariant()]!.AsObject();
        var name = $"{operation["operationId"]} ({method} {match.Template})";
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        if (operation["responses"]![code] is not JsonObject response)
            return [$"{name}: status {code} is not documented"];
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return string.IsNullOrEmpty(body) ? [] : [$"{name}: {code} is documented without a body but one was sent"];
        if (string.IsNullOrEmpty(body)) return [$"{name}: {code} is documented with a body but none was sent"];
        if (mediaType is null || content[mediaType] is not JsonObject media)
            return [$"{name}: {code} sent '{mediaType}', documented: {string.Join(", ", content.Select(c => c.Key))}"];
        // A file (string, binary: an attachment's content): its media type is all the document says of it.
        if (media["schema"]?["format"]?.GetValue<string>() == "binary") return [];
        // Text that is not JSON (a report's CSV): its media type is all the document says of it.
        if (!mediaType.EndsWith("json", StringComparison.Ordinal)) return [];
        var errors = new List<string>();
        Validate(JsonNode.Parse(body), media["schema"]!.AsObject(), "$", errors);
        return errors.Select(e => $"{name} {code}: {e}").ToList();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "One case per JSON Schema keyword, in the order the schema states them; split, the cases would lose sight of each other.")]
    private void Validate(JsonNode? node, JsonObject schema, string at, List<string> errors)
    {
        if (schema["$ref"] is { } reference)
        {
            Validate(node, Resolve((string)reference!), at, errors);
            return;
        }
        if (node is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true) errors.Add($"{at} is null but not nullable");
            return;
        }
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all) Validate(node, part!.AsObject(), at, errors);

        switch ((string?)schema["type"])
        {
            case "object":
                if (node is not JsonObject obj) { errors.Add($"{at} should be an object"); return; }
                var properties = schema["properties"]?.AsObject();
                foreach (var required in schema["required"]?.AsArray() ?? [])
                    if (!obj.ContainsKey((string)required!)) errors.Add($"{at}.{required} is required but missing");
                foreach (var (key, value) in obj)
                {
                    if (properties?[key] is JsonObject propertySchema) Validate(value, propertySchema, $"{at}.{key}", errors);
                    else if (schema["additionalProperties"] is JsonObject extra) { if (extra.Count > 0) Validate(value, extra, $"{at}.{key}", errors); }
                    else if (schema["additionalProperties"] is null && properties is not null || schema["additionalProperties"]?.GetValue<bool>() == false)
                        errors.Add($"{at}.{key} is not documented");
                }
                break;
            case "array":
                if (node is not JsonArray array) { errors.Add($"{at} should be an array"); return; }
                for (var i = 0; i < array.Count; i++) Validate(array[i], schema["items"]!.AsObject(), $"{at}[{i}]", errors);
                break;
            case "string":
                if (node is not JsonValue v || !v.TryGetValue<string>(out var text)) { errors.Add($"{at} should be a string"); return; }
                var format = (string?)schema["format"];
                if (format == "uuid" && !Guid.TryParse(text, out _)) errors.Add($"{at} '{text}' is not a uuid");
                if (format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) errors.Add($"{at} '{text}' is not a date");
                if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) errors.Add($"{at} '{text}' is not a date-time");
                if (schema["enum"] is JsonArray values && values.All(e => (string?)e != text)) errors.Add($"{at} '{text}' is not one of the documented values");
                break;
            case "integer":
                if (node is not JsonValue i1 || !(i1.TryGetValue<long>(out _) || i1.TryGetValue<ulong>(out _) || i1.TryGetValue<int>(out _) || i1.TryGetValue<uint>(out _) || (i1.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d))))
                    errors.Add($"{at} should be an integer");
                break;
            case "number":
                if (node is not JsonValue n || !n.TryGetValue<decimal>(out _) && !n.TryGetValue<double>(out _)) errors.Add($"{at} should be a number");
                break;
            case "boolean":
                if (node is not JsonValue b || !b.TryGetValue<bool>(out _)) errors.Add($"{at} should be a boolean");
                break;
        }
    }

    private JsonObject Resolve(string reference) =>
        _document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EmulationApi.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (with EmulationApi.sln) was not found above the test binaries.");
    }
}

/// <summary>Runs every answer through <see cref="ContractValidator"/> (body and watched headers); a mismatch fails the request's test.</summary>
public sealed class ContractCheckingHandler(ContractValidator? validator = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var contract = validator ?? ContractValidator.Committed.Value;
        var problems = contract.Check(request.Method.Method, path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body)
            .Concat(contract.CheckHeaders(request.Method.Method, path, response.StatusCode,
                name => response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name)))
            .ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("The answer does not match openapi/v1.json:\n  " + string.Join("\n  ", problems) + $"\nBody: {body[..Math.Min(body.Length, 2000)]}");
        return response;
    }
}

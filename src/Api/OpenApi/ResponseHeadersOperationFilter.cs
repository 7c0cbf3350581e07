using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Marks an endpoint whose success answer carries the resource's <c>ETag</c> where the document cannot tell it from the
/// answers it declares: a create whose 201 sends the new resource's ETag, a write without If-Match, a read without 304.
/// Reads that answer 304 and writes that answer 412 send an ETag by construction and need no mark.
/// </summary>
public sealed class AnswersWithETag
{
    public static readonly AnswersWithETag Instance = new();

    private AnswersWithETag() { }
}

public static class AnswersWithETagExtensions
{
    /// <summary>Declares that the endpoint's 200/201 carries the resource's ETag (see <see cref="AnswersWithETag"/>).</summary>
    public static RouteHandlerBuilder AnswersWithETag(this RouteHandlerBuilder builder) => builder.WithMetadata(OpenApi.AnswersWithETag.Instance);
}

/// <summary>
/// The one place that declares the headers the server's answers carry, derived from what each endpoint declares:
/// <list type="bullet">
/// <item><c>ETag</c> on the 200 and 304 of a read that answers 304 (<see cref="Http.ETags"/> sets it on both), on the 200 of a
/// write that answers 412 (it honours If-Match, so it gives the new version back), on the 200/201 of an endpoint marked
/// <see cref="AnswersWithETag"/>;</item>
/// <item><c>Location</c> on every 201 and 202 (TypedResults.Created/Accepted with the new resource's address);</item>
/// <item>on a download (an operation that answers 206): <c>ETag</c>, <c>Last-Modified</c>, <c>Accept-Ranges</c>,
/// <c>Content-Disposition</c> and <c>Repr-Digest</c> on 200/206 (the three that describe the file also on 304),
/// <c>Content-Range</c> on 206 and 416, and the <c>Range</c>
/// and <c>If-Range</c> request headers;</item>
/// <item>on an operation that also answers files (<see cref="Http.TableExport"/>): <c>Vary</c> and, for the files,
/// <c>Content-Disposition</c> on its 200.</item>
/// </list>
/// <c>required</c> says the header is on every such answer. Runs after <see cref="ContractOperationFilter"/>, which adds the 304s.
/// </summary>
public sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is not { } responses) return;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var marked = metadata.OfType<AnswersWithETag>().Any();
        var notModified = responses.ContainsKey("304");

        if (notModified || responses.ContainsKey("412") || marked) Add(responses, "200", "ETag", ETag);
        if (marked) Add(responses, "201", "ETag", ETag);
        if (notModified) Add(responses, "304", "ETag", "The ETag the client's If-None-Match named: its copy is current.");
        Add(responses, "201", "Location", "The created resource's address (relative to the server).");
        Add(responses, "202", "Location", "Where to follow what was accepted (relative to the server).");
        if (responses.ContainsKey("206")) DescribeDownload(operation, responses);
        if (metadata.OfType<Http.TableExport>().Any())
        {
            Add(responses, "200", "Vary", "`Accept` (and `Accept-Language`): the answer's form follows Accept when `format` is absent.");
            Add(responses, "200", "Content-Disposition", "Only on a CSV or Excel file: `attachment` with the file's name.", required: false);
        }
    }

    /// <summary>A file streamed with range processing (<c>TypedResults.Stream</c> with an ETag and a date) and its digest.</summary>
    private static void DescribeDownload(OpenApiOperation operation, OpenApiResponses responses)
    {
        const string lastModified = "When the file was uploaded (HTTP date).";
        const string digest = "The SHA-256 of the whole file (RFC 9530), also on a 206: `sha-256=:<base64>:`.";
        foreach (var status in new[] { "200", "206" })
        {
            Add(responses, status, "ETag", "The content's SHA-256 in hex, strong and quoted; send it in If-None-Match (304) or If-Range.");
            Add(responses, status, "Last-Modified", lastModified);
            Add(responses, status, "Accept-Ranges", "`bytes`: one byte range may be asked for with Range.");
            Add(responses, status, "Content-Disposition", "`attachment` with the file's name (`filename*` in UTF-8 for Vietnamese names, RFC 6266).");
            Add(responses, status, "Repr-Digest", digest);
        }
        Add(responses, "304", "Last-Modified", lastModified);
        Add(responses, "304", "Repr-Digest", digest);
        Add(responses, "206", "Content-Range", "The bytes sent and the file's length: `bytes first-last/length`.");
        Add(responses, "416", "Content-Range", "The file's length: `bytes */length`.");
        Request(operation, "Range", "One byte range, e.g. `bytes=0-1023`, `bytes=1024-` or `bytes=-500`: answered 206 with those bytes, "
                                    + "416 when it lies outside the file.");
        Request(operation, "If-Range", "With Range: the ETag of the copy the client holds part of; "
                                       + "when the file is no longer that one, the whole file is sent (200) instead of the range.");
    }

    private static void Add(OpenApiResponses responses, string status, string name, string description, bool required = true)
    {
        if (!responses.TryGetValue(status, out var found) || found is not OpenApiResponse response) return;
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers.TryAdd(name, new OpenApiHeader
        {
            Description = description, Required = required,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void Request(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Header)) return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private const string ETag = "The version of what the answer shows, strong and quoted; send it in If-None-Match to read again (304 when unchanged) "
                                + "or in If-Match to change it (412 when it changed since).";
}

using System.Text.RegularExpressions;
using EmulationApi.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Completes each operation with what the pipeline adds to every endpoint: query parameters named as clients write
/// them (camelCase), the conditional-request headers, 304 where an ETag can match, and every problem+json answer the
/// server can give — 400 for unreadable input, 413/415 for bodies, 500 always, 503 (with Retry-After) while the
/// database is unreachable.
/// </summary>
public sealed partial class ContractOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Parameters ??= [];
        DescribeParameters(operation.Parameters);
        DescribeBulkBodies(operation);

        var responses = operation.Responses ??= new OpenApiResponses();
        var method = context.ApiDescription.HttpMethod;
        var hasBody = operation.RequestBody is not null;
        var hasInput = hasBody || operation.Parameters.Count > 0;

        if (method == "GET" && ReturnsNotModified(context))
        {
            Header("If-None-Match", "An ETag from an earlier answer: when it still matches, the answer is 304 with no body.");
            responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the ETag sent in If-None-Match still matches." });
        }
        DescribeTableExport(context, operation, responses);
        if (responses.ContainsKey("412"))
            Header("If-Match", "The ETag of the version this change is based on; when the resource has changed since, the answer is 412 and nothing is changed.");

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validation = operation.OperationId?.StartsWith("Import", StringComparison.Ordinal) == true
            ? context.SchemaGenerator.GenerateSchema(typeof(ImportProblemDetails), context.SchemaRepository)
            : context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        if (hasInput) Problem("400", "The request is not valid: see `errors` per field.", validation);
        if (hasBody)
        {
            Problem("413", "The request body is too large.", problem);
            Problem("415", "The body's media type is not one this operation accepts.", problem);
        }
        AddServerProblems(responses, problem);

        // Every error answer is problem+json, described by the schema of what the server writes.
        foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')).ToList())
        {
            if (response is not OpenApiResponse r) continue;
            r.Content ??= new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal);
            r.Content.Clear();
            r.Content["application/problem+json"] = new OpenApiMediaType { Schema = status == "400" ? validation : problem };
            if (status == "400" && operation.OperationId?.StartsWith("Import", StringComparison.Ordinal) == true)
                r.Description = "Nothing was written: the request is not valid (`errors` per field) or rows are (`rowErrors`: row, field, message; `errorCount`).";
            else if (string.IsNullOrWhiteSpace(r.Description) || r.Description is "Bad Request" or "Not Found" or "Conflict" or "Precondition Failed" or "Unsupported Media Type" or "Payload Too Large" or "Range Not Satisfiable")
                r.Description = Describe(status);
        }

        void Problem(string status, string description, IOpenApiSchema schema) =>
            responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            });

        void Header(string name, string description)
        {
            if (operation.Parameters.Any(p => p.Name == name)) return;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Header, Required = false, Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    /// <summary>
    /// What any operation can answer on the server's side: 500 for a bug, and 503 with Retry-After while the database is
    /// unreachable (every operation reads it, and a stored API key is looked up there).
    /// </summary>
    private static void AddServerProblems(OpenApiResponses responses, IOpenApiSchema problem)
    {
        responses.TryAdd("500", new OpenApiResponse
        {
            Description = "An unexpected failure; the body carries no internals, the log has them under `traceId`.",
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        });
        responses.TryAdd("503", DatabaseUnavailable(problem));
    }

    private static OpenApiResponse DatabaseUnavailable(IOpenApiSchema problem) => new()
    {
        Description = "The database is unreachable for the moment; retry after the seconds in the Retry-After header. "
                      + "A write that got this answer may or may not have been carried out: read before repeating it.",
        Headers = RetryAfter(),
        Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
    };

    /// <summary>The <c>Retry-After</c> header of the answers that ask the client to come back later (429, 503).</summary>
    internal static Dictionary<string, IOpenApiHeader> RetryAfter() => new(StringComparer.Ordinal)
    {
        ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
    };

    /// <summary>
    /// Query parameters named as clients write them (camelCase); every parameter described, on one line; a code in the
    /// path with the rule every code of its kind follows (so a client never builds "." or "..", which URLs drop).
    /// </summary>
    private static void DescribeParameters(IList<IOpenApiParameter> parameters)
    {
        foreach (var parameter in parameters.OfType<OpenApiParameter>().Where(p => p.Name is { Length: > 0 }))
        {
            if (parameter.In == ParameterLocation.Query) parameter.Name = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
            if (parameter.In == ParameterLocation.Path && PathCodes.TryGetValue(parameter.Name!, out var code) && parameter.Schema is OpenApiSchema schema)
                (schema.Pattern, schema.MaxLength) = code;
            parameter.Description = string.IsNullOrWhiteSpace(parameter.Description)
                ? (ParameterDescriptions.TryGetValue(parameter.Name!, out var known) ? known : parameter.Name == "id" ? "The resource's id." : null)
                : Whitespace().Replace(parameter.Description.Trim(), " ");
        }
    }

    /// <summary>Bulk loads take CSV and files as they are, not as JSON arrays.</summary>
    private static void DescribeBulkBodies(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is { } bodies)
        {
            if (bodies.TryGetValue("text/csv", out var csv) && csv is OpenApiMediaType csvMedia)
                csvMedia.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV, UTF-8 with or without BOM, with a header row naming the columns." };
            if (bodies.TryGetValue("multipart/form-data", out var form) && form is OpenApiMediaType formMedia)
                formMedia.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string>(StringComparer.Ordinal) { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A CSV or JSON file." } },
                };
        }
    }

    /// <summary>The codes that name a resource in a path, and the pattern and length each kind of code keeps to.</summary>
    private static readonly Dictionary<string, (string Pattern, int MaxLength)> PathCodes = new(StringComparer.Ordinal)
    {
        ["code"] = (Domain.Units.Unit.CodePattern, Domain.Units.Unit.CodeMaxLength),
        ["unitCode"] = (Domain.Units.Unit.CodePattern, Domain.Units.Unit.CodeMaxLength),
        ["awardCode"] = (Domain.Commendation.Award.CodePattern, Domain.Commendation.Award.CodeMaxLength),
    };

    /// <summary>What shared parameters mean, where the endpoint's own documentation does not say.</summary>
    private static readonly Dictionary<string, string> ParameterDescriptions = new(StringComparer.Ordinal)
    {
        ["page"] = "1-based page number.",
        ["pageSize"] = "Items per page, 1–200 (default 50).",
        ["year"] = "Only those of this year.",
        ["planId"] = "Only the tasks of this plan.",
        ["movementId"] = "Only the tasks that serve this movement.",
        ["group"] = "Only this group of the plan's appendix: Q1–Q4 or Recurring.",
        ["quarter"] = "Only the tasks due in this quarter (1–4).",
        ["month"] = "Only the tasks due in this month (1–12).",
        ["leadUnitCode"] = "Only the tasks this unit leads (chủ trì).",
        ["unitCode"] = "The unit, by code (case-insensitive).",
        ["status"] = "Only those with this status.",
        ["timeliness"] = "Only the tasks with this timeliness on the reference date.",
        ["q"] = "Search text; case and Vietnamese diacritics are ignored.",
        ["changedSince"] = "Only what changed after this instant (ISO 8601 with offset); poll with the largest updatedAt seen.",
        ["asOf"] = "The reference date for timeliness (default: today in Asia/Ho_Chi_Minh).",
        ["kind"] = "Only those of this kind.",
        ["scope"] = "Only clusters and blocs of this scope.",
        ["form"] = "Only movements of this form.",
        ["launcherLevel"] = "Only movements launched at this level.",
        ["role"] = "Only keys with this role.",
        ["active"] = "Only active (true) or inactive (false) ones.",
        ["entityId"] = "Only entries about this entity id.",
        ["action"] = "Only entries of this action.",
        ["parentCode"] = "Only the children of this unit, by code.",
        ["code"] = "The unit's code (case-insensitive).",
        ["awardCode"] = "The catalog entry's code (case-insensitive).",
        ["category"] = "Only emulation titles (EmulationTitle) or commendation forms (CommendationForm).",
        ["recipient"] = "Only those given to individuals or to collectives.",
        ["level"] = "Only those granted at this level.",
        ["type"] = "Only those that may be given under this commendation type.",
        ["fromYear"] = "Only the years from this one.",
        ["toYear"] = "Only the years up to this one.",
        ["personName"] = "Only the people whose name contains this text.",
        ["on"] = "The decision date.",
        ["personBirthYear"] = "The person's birth year, to tell apart people of the same name in the unit.",
        ["declaredNotDisciplined"] = "What the dossier declares: true = not disciplined in the period, false = disciplined; absent = not declared (the rule cannot tell).",
        ["reportId"] = "The progress report's id (one of the task's reports).",
        ["deliveryId"] = "The delivery's id, its webhook-id (one of the subscription's deliveries).",
        ["fileName"] = "The file's name as it is offered on download (Vietnamese welcome); it must end with an extension of the body's media type, e.g. .pdf for application/pdf.",
    };

    [GeneratedRegex(@"\s+", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex Whitespace();

    /// <summary>An operation that answers its rows as a file too (<see cref="Http.TableExport"/>) lists CSV and Excel
    /// beside the JSON of its 200, and its <c>format</c> parameter names the three forms.</summary>
    private static void DescribeTableExport(OperationFilterContext context, OpenApiOperation operation, OpenApiResponses responses)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.TableExport>().Any()
            || !responses.TryGetValue("200", out var ok) || ok is not OpenApiResponse { Content: { } content })
            return;
        content[Http.TableFile.CsvMediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "With format=csv or Accept: text/csv: every matching row (no paging) as CSV, UTF-8 with a BOM, Vietnamese headings, RFC 4180 quoting; sent as an attachment." },
        };
        content[Http.TableFile.XlsxMediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "With format=xlsx or Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: every matching row (no paging) as an Excel workbook of one sheet, Vietnamese headings, typed cells; sent as an attachment." },
        };
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is { } format)
        {
            format.Description = "The answer's form: json (default), csv or xlsx; overrides Accept. The files hold every matching row: page and pageSize are ignored.";
            format.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("json"), System.Text.Json.Nodes.JsonValue.Create("csv"), System.Text.Json.Nodes.JsonValue.Create("xlsx")] };
        }
    }

    private static bool ReturnsNotModified(OperationFilterContext context)
    {
        if (context.ApiDescription.SupportedResponseTypes.Any(r => r.StatusCode == 304)) return true;
        var returns = context.MethodInfo?.ReturnType;
        if (returns is { IsGenericType: true } && returns.GetGenericTypeDefinition() == typeof(Task<>)) returns = returns.GetGenericArguments()[0];
        return returns is { IsGenericType: true } && returns.GetGenericArguments().Contains(typeof(StatusCodeHttpResult));
    }

    private static string Describe(string status) => status switch
    {
        "400" => "The request is not valid: see `errors` per field.",
        "404" => "No such resource.",
        "409" => "The request breaks a business rule, or lost a race with a concurrent change; `detail` says which.",
        "412" => "The resource changed since the ETag sent in If-Match; nothing was changed.",
        "413" => "The request body is too large.",
        "415" => "The body's media type is not one this operation accepts.",
        "416" => "The range asked for lies outside the file; Content-Range gives its length (bytes */length).",
        _ => "A problem (RFC 9457).",
    };
}

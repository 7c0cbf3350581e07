using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// Request and response examples for the main operations, kept as real JSON in <c>OpenApi/examples.json</c> (keyed
/// <c>OperationId:request</c> or <c>OperationId:status</c>), so they are easy to review and cannot drift into invalid JSON.
/// </summary>
public sealed class ExamplesOperationFilter : IOperationFilter
{
    private static readonly Lazy<JsonObject> Examples = new(() =>
    {
        using var stream = typeof(ExamplesOperationFilter).Assembly.GetManifestResourceStream("EmulationApi.OpenApi.examples.json")
                           ?? throw new InvalidOperationException("The OpenAPI examples resource is missing from the build.");
        return JsonNode.Parse(stream)!.AsObject();
    });

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id) return;
        if (Examples.Value[$"{id}:request"] is { } request && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var json) && json is OpenApiMediaType media)
            media.Example = request.DeepClone();
        if (operation.Responses is null) return;
        foreach (var (status, response) in operation.Responses)
        {
            if (Examples.Value[$"{id}:{status}"] is { } example && response.Content is { } body
                && body.TryGetValue("application/json", out var m) && m is OpenApiMediaType responseMedia)
                responseMedia.Example = example.DeepClone();
        }
    }
}

using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// One relative server: paths resolve against wherever the document is served from, so the same document (the one
/// committed as openapi/v1.json) is right for every installation; generated clients take their base URL as a setting.
/// </summary>
public sealed class ServersDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document is served from" }];
}

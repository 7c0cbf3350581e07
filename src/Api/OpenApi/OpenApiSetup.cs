using System.Reflection;
using Microsoft.OpenApi;

namespace EmulationApi.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddEmulationOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "EmulationApi",
                Version = "v1",
                Description = "System of record for emulation and commendation work (công tác thi đua, khen thưởng) of Bắc Ninh province.\n\n"
                    + "**Language of answers.** Send `Accept-Language` (optional, on every operation) to choose the language of problem "
                    + "`title` and `detail`, validation messages, import `rowErrors[].message` and ranking explanations: `vi` (Vietnamese) "
                    + "or `en` (English); regional variants (`vi-VN`, `en-US`) and quality values (`en;q=0.5, vi`) are honoured. A request "
                    + "naming neither gets the server's default, Vietnamese unless the operators configure otherwise. Every answer says its "
                    + "language in `Content-Language` and varies on `Accept-Language`. Property names, `errors` keys, `rowErrors[].field`, "
                    + "`type` URIs and enum names are stable English identifiers in every language: branch on those, never on the text.",
            });
            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(Application.DependencyInjection).Assembly, typeof(Domain.Units.Unit).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml)) o.IncludeXmlComments(xml);
            }
            o.SupportNonNullableReferenceTypes();
            o.AddSecurityDefinition(SecurityOperationFilter.ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Security.ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key issued by an administrator (POST /api/v1/api-keys), or the bootstrap admin key.",
            });
            o.AddSecurityDefinition(SecurityOperationFilter.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the province's identity provider with a roles claim (Admin, Editor, Unit, Reader, Loader) and, for Unit, a unit_code claim.",
            });
            o.OperationFilter<SecurityOperationFilter>();
            o.OperationFilter<ContractOperationFilter>();
            o.OperationFilter<ResponseHeadersOperationFilter>();
            o.OperationFilter<ExamplesOperationFilter>();
            o.SchemaFilter<ContractSchemaFilter>();
            o.SchemaFilter<DateRangeSchemaFilter>();
            o.DocumentFilter<ServersAndTagsDocumentFilter>();
        });
        return services;
    }

    public static WebApplication UseEmulationOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "EmulationApi v1");
            o.DocumentTitle = "EmulationApi — Swagger UI";
            o.EnablePersistAuthorization();
        });
        return app;
    }
}

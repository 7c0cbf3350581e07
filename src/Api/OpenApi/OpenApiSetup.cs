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
                Description = "System of record for emulation and commendation work (công tác thi đua, khen thưởng) of Bắc Ninh province.",
            });
            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(Application.DependencyInjection).Assembly, typeof(Domain.Units.Unit).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml)) o.IncludeXmlComments(xml);
            }
            o.SupportNonNullableReferenceTypes();
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
        });
        return app;
    }
}

using EmulationApi.Api.Endpoints;
using EmulationApi.Api.Errors;
using EmulationApi.Api.Hosting;
using EmulationApi.Api.Http;
using EmulationApi.Api.Localization;
using EmulationApi.Api.OpenApi;
using EmulationApi.Api.Reminders;
using EmulationApi.Api.Security;
using EmulationApi.Domain.Common;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;

namespace EmulationApi.Api;

public static class ApiSetup
{
    /// <summary>The commendation settings (<c>Commendation:AppraisalDays</c>, 1–365, default 20); a value out of range stops the start.</summary>
    private static Application.Commendation.CommendationSettings CommendationSetup(IConfiguration configuration)
    {
        var days = configuration.GetValue("Commendation:AppraisalDays", Application.Commendation.CommendationSettings.DefaultAppraisalDays);
        if (days is < 1 or > Application.Commendation.CommendationSettings.MaxAppraisalDays)
            throw new InvalidOperationException($"Commendation:AppraisalDays must be between 1 and {Application.Commendation.CommendationSettings.MaxAppraisalDays}; it is {days}.");
        return new Application.Commendation.CommendationSettings(days);
    }

    private static void AddCommendationSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CommendationSetup(configuration));
        // The attachment store's cap: its upload endpoint lifts the server's body limit and the use case counts instead.
        services.AddSingleton(new Application.Attachments.AttachmentLimits(
            configuration.GetValue("Attachments:MaxBytes", Application.Attachments.AttachmentLimits.DefaultMaxBytes)));
    }

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            StrictJson.ReadAsTheContractSays(o.SerializerOptions);
            // Vietnamese letters travel as UTF-8, not as \uXXXX escapes (HTML-sensitive characters are still escaped).
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => StrictJson.ReadAsTheContractSays(o.JsonSerializerOptions));
        // Binding failures throw, so that the one exception handler answers them as problem+json.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = RequestBodyLimits.DefaultBytes);
        AddCommendationSettings(services, configuration);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= $"{c.HttpContext.Request.Method} {c.HttpContext.Request.Path}";
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => c.HttpContext.Items[SecuritySetup.FailureItem] as string
                    ?? (c.HttpContext.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                        ? ApiKeyAuthenticationHandler.InvalidKey
                        : Localized.Text(
                            "Send an API key in the X-Api-Key header or a bearer token in the Authorization header.",
                            "Hãy gửi khóa API trong tiêu đề X-Api-Key hoặc mã thông báo bearer trong tiêu đề Authorization.")),
                StatusCodes.Status403Forbidden => Localized.Text(
                    $"The client '{c.HttpContext.User.FindFirst(ClientClaims.Name)?.Value}' may not use this operation; ask an administrator for a key with the right role.",
                    $"Ứng dụng khách '{c.HttpContext.User.FindFirst(ClientClaims.Name)?.Value}' không được dùng thao tác này; hãy đề nghị quản trị viên cấp khóa có vai trò phù hợp."),
                StatusCodes.Status404NotFound => Localized.Text(
                    "No resource lives at this address; the OpenAPI document at /swagger/v1/swagger.json lists the operations.",
                    "Không có tài nguyên nào tại địa chỉ này; tài liệu OpenAPI tại /swagger/v1/swagger.json liệt kê các thao tác."),
                StatusCodes.Status405MethodNotAllowed => Localized.Text(
                    $"This address does not accept {c.HttpContext.Request.Method}; the OpenAPI document lists the methods it does.",
                    $"Địa chỉ này không chấp nhận phương thức {c.HttpContext.Request.Method}; tài liệu OpenAPI liệt kê các phương thức được chấp nhận."),
                StatusCodes.Status415UnsupportedMediaType => Localized.Text(
                    "This operation does not accept the body's media type; the OpenAPI document lists the ones it does.",
                    "Thao tác này không chấp nhận kiểu dữ liệu (media type) của nội dung; tài liệu OpenAPI liệt kê các kiểu được chấp nhận."),
                _ => null,
            };
            // Answers the framework writes itself (status-code pages, authentication, authorization) carry its English
            // title for the status; our own exception handler's titles are already in the request's language.
            if (c.Exception is null && Localized.InVietnamese && VietnameseTitle(c.ProblemDetails.Status) is { } title)
                c.ProblemDetails.Title = title;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                              | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });

        services.AddHostedService<IdleMemoryTrim>();
        services.AddReminders(configuration);
        services.AddLanguages(configuration);
        services.AddEmulationSecurity(configuration);
        services.AddEmulationOpenApi();
        return services;
    }

    private static string? VietnameseTitle(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Chưa xác thực.",
        StatusCodes.Status403Forbidden => "Không có quyền.",
        StatusCodes.Status404NotFound => "Không tìm thấy.",
        StatusCodes.Status405MethodNotAllowed => "Phương thức không được chấp nhận.",
        StatusCodes.Status415UnsupportedMediaType => "Kiểu dữ liệu (media type) không được hỗ trợ.",
        StatusCodes.Status429TooManyRequests => "Quá nhiều yêu cầu.",
        _ => null,
    };

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseForwardedClientAddress();
        app.UseLanguages();
        app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        // The OpenAPI document and Swagger UI stay public: they are served before authentication.
        app.UseEmulationOpenApi();
        app.UseEmulationSecurity();
        app.UseEndpointBodyLimits();
        app.UseEnumNamesOnly();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("HealthLive").ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithName("HealthReady").ExcludeFromDescription().AllowAnonymous();
        app.MapUnitEndpoints();
        app.MapPlanEndpoints();
        app.MapTaskEndpoints();
        app.MapObligationEndpoints();
        app.MapMovementEndpoints();
        app.MapClusterEndpoints();
        app.MapDossierEndpoints();
        app.MapCouncilSessionEndpoints();
        app.MapAccessEndpoints();
        app.MapCommendationEndpoints();
        app.MapAttachmentEndpoints();
        app.MapCommendationReportEndpoints();
        app.MapPublicEndpoints();
        app.MapWebhookEndpoints();
        app.MapReminderEndpoints();
        return app;
    }
}

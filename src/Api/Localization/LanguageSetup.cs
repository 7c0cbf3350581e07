using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Localization;

/// <summary>
/// Answers in Vietnamese or English: ASP.NET Core request localization reads Accept-Language (quality values honoured,
/// <c>vi-VN</c> falls back to <c>vi</c>, <c>en-US</c> to <c>en</c>) and sets <see cref="CultureInfo.CurrentUICulture"/>
/// for the request, which FluentValidation's built-in messages and the project's own (<see cref="Domain.Common.Localized"/>)
/// follow. A request that names neither language gets <c>Localization:DefaultLanguage</c> (<c>vi</c> unless configured).
/// Only the language changes: numbers and dates inside messages keep the invariant culture's format. Every answer says
/// its language in Content-Language and varies on Accept-Language.
/// </summary>
public static class LanguageSetup
{
    public const string DefaultLanguageKey = "Localization:DefaultLanguage";
    public static readonly IReadOnlyList<string> Languages = ["vi", "en"];

    public static IServiceCollection AddLanguages(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration[DefaultLanguageKey];
        var language = string.IsNullOrWhiteSpace(configured) ? "vi" : configured.Trim();
        if (!Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{DefaultLanguageKey} is '{language}'; it must be one of: {string.Join(", ", Languages)}.");

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(language.ToLowerInvariant()));
            o.SupportedCultures = [CultureInfo.InvariantCulture];
            o.SupportedUICultures = [.. Languages.Select(CultureInfo.GetCultureInfo)];
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>First in the pipeline, so that the exception handler and the status-code pages answer in the request's language.</summary>
    public static WebApplication UseLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.Use(SayLanguage);
        return app;
    }

    private static Task SayLanguage(HttpContext http, Func<Task> next)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        // Set as the answer starts, so that answers rewritten by the exception handler (which clears headers) keep them.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.ContentLanguage = language;
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
            return Task.CompletedTask;
        });
        return next();
    }
}

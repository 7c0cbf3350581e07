using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace EmulationApi.Api.Http;

/// <summary>
/// Applies an endpoint's <see cref="IRequestSizeLimitMetadata"/> (minimal APIs do not by themselves): the server's
/// default limit is small, bulk loads declare a larger one. A body over the limit is answered 413.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 1024 * 1024;
    public const long ImportBytes = 256L * 1024 * 1024;

    public static IApplicationBuilder UseEndpointBodyLimits(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is not null && feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit.MaxRequestBodySize;
            return next(http);
        });
}

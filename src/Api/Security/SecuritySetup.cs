using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using EmulationApi.Application.Access;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;

namespace EmulationApi.Api.Security;

/// <summary>
/// Who may come in and how often: API keys (X-Api-Key) for machine clients, JWT bearer tokens from the province's
/// identity provider for people, role policies on every endpoint, per-client rate limits and a per-address limit on
/// requests without valid credentials, the client address from trusted proxies, CORS for configured origins, and
/// security headers.
/// </summary>
public static class SecuritySetup
{
    public const string ImportRateLimit = "import";
    internal const string FailureItem = "emulation:auth-failure";
    private const string Selector = "ApiKeyOrBearer";

    public static IServiceCollection AddEmulationSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentClient, HttpCurrentClient>();

        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o => ConfigureJwt(o, configuration.GetSection("Auth:Jwt")));

        services.AddAuthorizationBuilder()
            // Nothing is open by accident: an endpoint without a policy still needs a known client.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.Configure<AuthorizationOptions>(o =>
        {
            foreach (var (name, roles) in Policies.Roles)
                o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        });

        services.AddEmulationRateLimits(configuration.GetSection("RateLimiting"));
        services.AddForwardedClientAddress(configuration.GetSection("ForwardedHeaders"));

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length > 0) p.WithOrigins(origins);
            p.AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE").WithExposedHeaders("ETag", "Location", "Retry-After");
        }));
        return services;
    }

    /// <summary>The shortest bootstrap admin key accepted.</summary>
    public const int BootstrapKeyMinLength = 32;

    /// <summary>
    /// Accepts the bootstrap admin key from the environment (EMULATION_BOOTSTRAP_ADMIN_KEY), if one is set (empty or
    /// white space is not set). A key shorter than <see cref="BootstrapKeyMinLength"/> characters is refused: the answer
    /// is the message the API stops with, since serving with a key everyone believes in but nobody can use helps no one.
    /// </summary>
    /// <returns>Null when the key was accepted or none is set; otherwise why the API must not start.</returns>
    public static string? UseBootstrapKey(this IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var key = (configuration["EMULATION_BOOTSTRAP_ADMIN_KEY"] ?? configuration["Auth:BootstrapAdminKey"])?.Trim();
        if (string.IsNullOrEmpty(key)) return null;
        if (key.Length < BootstrapKeyMinLength)
            return $"EMULATION_BOOTSTRAP_ADMIN_KEY is {key.Length} characters long; the admin key needs at least {BootstrapKeyMinLength}. "
                   + "Set a longer one (or unset it) and start the API again.";
        services.GetRequiredService<ApiKeyVerifier>().UseBootstrapKey(key);
        logger.LogInformation("The bootstrap admin key from the environment is accepted as '{Name}'", ApiKeyVerifier.BootstrapName);
        return null;
    }

    /// <summary>Security headers and CORS: for every answer, Swagger UI's included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.UseCors();
        return app;
    }

    /// <summary>
    /// The client's address from X-Forwarded-For when the connection comes from a trusted proxy; first in the
    /// pipeline, so that everything after it (the rate limits, the logs) sees the client's address.
    /// </summary>
    public static WebApplication UseForwardedClientAddress(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// Authentication, the per-address limit on requests without valid credentials (before authorization answers them
    /// 401), the endpoints' policies and the per-client rate limits.
    /// </summary>
    public static WebApplication UseEmulationSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AnonymousThrottle>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        // Set as the answer starts, so that answers rewritten by the exception handler (which clears headers) keep them.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-site";
            // Swagger UI runs scripts and styles of its own; everything else is data and needs none.
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next();
    }

    private static void ConfigureJwt(JwtBearerOptions o, IConfigurationSection jwt)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = jwt.GetValue("RequireHttpsMetadata", true);
        if (jwt["Authority"] is { Length: > 0 } authority) o.Authority = authority;
        var keys = new List<SecurityKey>();
        foreach (var key in jwt.GetSection("SigningKeys").Get<string[]>() ?? [])
        {
            if (key.Contains("BEGIN", StringComparison.Ordinal))
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(key);
                keys.Add(new RsaSecurityKey(rsa));
            }
            else keys.Add(new SymmetricSecurityKey(Convert.FromBase64String(key)));
        }
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt["Issuer"],
            ValidateIssuer = true,
            ValidAudience = jwt["Audience"],
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(jwt.GetValue("ClockSkewSeconds", 60)),
            IssuerSigningKeys = keys,
            // Without configured keys or an authority, no token can be valid.
            RequireSignedTokens = true,
        };
        o.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = c =>
            {
                c.HttpContext.Items[FailureItem] = c.Exception is SecurityTokenExpiredException
                    ? Localized.Text("The bearer token has expired.", "Mã thông báo bearer đã hết hạn.") : InvalidToken;
                return Task.CompletedTask;
            },
            OnTokenValidated = c =>
            {
                // The identity provider's claims become the same claims an API key gives.
                var principal = c.Principal!;
                var roles = principal.Claims.Where(x => x.Type is "roles" or "role" or "scope" or "scp")
                    .SelectMany(x => x.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Select(v => Enum.TryParse<ClientRole>(v, ignoreCase: true, out var r) ? r : (ClientRole?)null)
                    .OfType<ClientRole>().ToList();
                var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("name") ?? principal.FindFirstValue("sub") ?? "unknown";
                var unit = principal.FindFirstValue("unit_code");
                if (roles.Contains(ClientRole.Unit) && string.IsNullOrWhiteSpace(unit)) roles.Remove(ClientRole.Unit);
                c.Principal = new ClaimsPrincipal(ClientClaims.Identity(JwtBearerDefaults.AuthenticationScheme, $"user:{name}", roles,
                    roles.Contains(ClientRole.Unit) ? unit : null));
                return Task.CompletedTask;
            },
            OnChallenge = c =>
            {
                if (c.AuthenticateFailure is not null)
                    c.HttpContext.Items[FailureItem] ??= InvalidToken;
                return Task.CompletedTask;
            },
        };
    }

    private static void AddEmulationRateLimits(this IServiceCollection services, IConfigurationSection section)
    {
        var perMinute = section.GetValue("PermitsPerMinute", 1200);
        var importPerMinute = section.GetValue("ImportPermitsPerMinute", 20);
        var anonymousPerMinute = section.GetValue("AnonymousPermitsPerMinute", 120);
        var redis = RateLimitBuckets.ParseRedis(section["Redis"]);
        services.AddSingleton(sp => new RateLimitBuckets(redis?.Clone(), sp.GetRequiredService<ILogger<RateLimitBuckets>>()));
        services.AddSingleton(sp => new AnonymousThrottle(sp.GetRequiredService<RateLimitBuckets>(), anonymousPerMinute));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => WriteTooManyRequestsAsync(context.HttpContext, context.Lease,
                retry => Localized.Text(
                    $"This client has used its allowance of requests; try again in {retry} s.",
                    $"Ứng dụng khách này đã dùng hết số yêu cầu được phép; hãy thử lại sau {retry} giây."));
        });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitBuckets>((o, buckets) =>
        {
            // Every client gets its own bucket, refilled each second. Requests without valid credentials never get here
            // (401, or 429 from AnonymousThrottle); the address partition serves endpoints open to them, if any.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsUnthrottled(http.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("open")
                    : buckets.TokenBucket("all", ClientPartition(http), perMinute));
            o.AddPolicy(ImportRateLimit, http => buckets.TokenBucket(ImportRateLimit, ClientPartition(http), importPerMinute));
        });
    }

    private static string InvalidToken => Localized.Text("The bearer token is not valid for this API.", "Mã thông báo bearer không hợp lệ đối với API này.");

    /// <summary>The health checks and the OpenAPI document, which no rate limit applies to.</summary>
    internal static bool IsUnthrottled(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The one 429 answer: problem+json with Retry-After, the delay the refused lease names (60 s if none).</summary>
    internal static async ValueTask WriteTooManyRequestsAsync(HttpContext http, RateLimitLease lease, Func<int, string> detail)
    {
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = Localized.Text("Too many requests.", "Quá nhiều yêu cầu."),
                Detail = detail(retry),
            },
        });
    }

    private static string ClientPartition(HttpContext http) =>
        http.User.FindFirstValue(ClientClaims.Name) is { } name ? "client:" + name : "ip:" + AnonymousThrottle.AddressOf(http.Connection.RemoteIpAddress);

    /// <summary>
    /// X-Forwarded-For is believed only from the proxies configured in ForwardedHeaders:KnownProxies (addresses) and
    /// ForwardedHeaders:KnownNetworks (CIDR ranges); when neither is set, from loopback only (the framework's default).
    /// ForwardedHeaders:ForwardLimit (1) is how many proxies in a row may have appended an address: with one load
    /// balancer, the last address of the header — the one it saw — is the client's, whatever the client wrote before it.
    /// </summary>
    private static void AddForwardedClientAddress(this IServiceCollection services, IConfigurationSection section)
    {
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? []).Select(p => IPAddress.TryParse(p, out var address)
            ? address : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR range such as 10.0.0.0/8.")).ToList();
        var limit = section.GetValue("ForwardLimit", 1);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.ForwardLimit = limit;
            if (proxies.Count + networks.Count == 0) return;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }
}

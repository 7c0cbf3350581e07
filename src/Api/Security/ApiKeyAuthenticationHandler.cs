using System.Text.Encodings.Web;
using EmulationApi.Application.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EmulationApi.Api.Security;

/// <summary>Authenticates machine clients by the key in <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Why a key the client sent is refused, in the request's language.</summary>
    public static string InvalidKey => Domain.Common.Localized.Text(
        "The API key is not valid: unknown, revoked or expired.",
        "Khóa API không hợp lệ: không xác định, đã bị thu hồi hoặc đã hết hạn.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values)) return AuthenticateResult.NoResult();
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0])) return AuthenticateResult.Fail("Send exactly one API key in X-Api-Key.");
        var client = await verifier.VerifyAsync(values[0]!.Trim(), Context.RequestAborted);
        if (client is null) return AuthenticateResult.Fail(InvalidKey);
        var identity = ClientClaims.Identity(SchemeName, client.Name, [client.Role], client.UnitCode);
        return AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer";
        return Task.CompletedTask;
    }
}

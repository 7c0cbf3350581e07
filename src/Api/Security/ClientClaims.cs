using System.Security.Claims;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Access;

namespace EmulationApi.Api.Security;

/// <summary>The claims both schemes produce, whatever the credential: a name, roles, and for a unit client its unit.</summary>
public static class ClientClaims
{
    public const string Name = "emulation:client";
    public const string Role = "emulation:role";
    public const string UnitCode = "emulation:unit";

    public static ClaimsIdentity Identity(string scheme, string name, IEnumerable<ClientRole> roles, string? unitCode)
    {
        var identity = new ClaimsIdentity(scheme, Name, Role);
        identity.AddClaim(new Claim(Name, name));
        foreach (var role in roles.Distinct()) identity.AddClaim(new Claim(Role, role.ToString()));
        if (unitCode is not null) identity.AddClaim(new Claim(UnitCode, unitCode));
        return identity;
    }
}

/// <summary>The current request's client, for the use cases and the audit trail.</summary>
public sealed class HttpCurrentClient(IHttpContextAccessor accessor) : ICurrentClient
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string Name => User?.FindFirstValue(ClientClaims.Name) ?? "system";

    public string? UnitCode => User is { } user && user.IsInRole(nameof(ClientRole.Unit)) && !user.IsInRole(nameof(ClientRole.Admin)) && !user.IsInRole(nameof(ClientRole.Editor))
        ? user.FindFirstValue(ClientClaims.UnitCode) : null;

    public bool IsIn(ClientRole role) => User?.IsInRole(role.ToString()) ?? accessor.HttpContext is null && role == ClientRole.Admin;
}

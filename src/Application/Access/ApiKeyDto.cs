using EmulationApi.Domain.Access;

namespace EmulationApi.Application.Access;

/// <summary>An API key as an administrator sees it: never the key itself.</summary>
/// <param name="Prefix">The key's first characters, to tell keys apart.</param>
/// <param name="UnitCode">The unit a Unit-role key acts for.</param>
public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, ClientRole Role, string? UnitCode, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, bool Active, DateTimeOffset CreatedAt);

/// <summary>A newly issued key: <see cref="Key"/> is shown this once and cannot be read again.</summary>
public sealed record IssuedApiKeyDto(ApiKeyDto ApiKey, string Key);

// Hand-written, not Mapster: Active depends on the time of the request, which a static mapping configuration cannot take.
public static class ApiKeyProjections
{
    public static IQueryable<ApiKeyDto> ToDto(this IQueryable<ApiKey> keys, DateTimeOffset now) =>
        keys.Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.Role, k.UnitCode, k.ExpiresAt, k.RevokedAt,
            k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), k.CreatedAt));
}

using System.Collections.Concurrent;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Application.Access;

/// <summary>Who presented a key.</summary>
public sealed record ApiKeyClient(string Name, ClientRole Role, string? UnitCode);

/// <summary>
/// Checks presented API keys. A key is looked up by its prefix and compared by salted hash in constant time. Keys
/// found are cached for <see cref="CacheFor"/> so that polling clients cost no database round trip per request;
/// revoking a key forgets it at once on this instance (other instances notice within <see cref="CacheFor"/>).
/// The bootstrap admin key from the environment is kept only as a hash, in memory.
/// </summary>
public sealed class ApiKeyVerifier(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    public const string BootstrapName = "bootstrap-admin";

    private sealed record Entry(ApiKey Key, DateTimeOffset LoadedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private ApiKey? _bootstrap;

    /// <summary>Accepts <paramref name="secret"/> as an admin key without storing it anywhere but in memory, hashed.</summary>
    public void UseBootstrapKey(string secret) =>
        _bootstrap = ApiKey.FromSecret(BootstrapName, ClientRole.Admin, null, null, clock.GetUtcNow(), secret);

    public async Task<ApiKeyClient?> VerifyAsync(string presented, CancellationToken ct)
    {
        if (ApiKey.PrefixOf(presented) is not { } prefix || presented.Length > 200) return null;
        var now = clock.GetUtcNow();
        if (_bootstrap is { } boot && boot.Prefix == prefix && ApiKey.Matches(boot.Salt, boot.Hash, presented))
            return new ApiKeyClient(boot.Name, boot.Role, null);

        if (!_cache.TryGetValue(prefix, out var entry) || now - entry.LoadedAt > CacheFor)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            // The key itself, not a copy of its columns, so the entity's rule decides whether it is usable now.
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
            if (key is null) { _cache.TryRemove(prefix, out _); return null; }
            _cache[prefix] = entry = new Entry(key, now);
        }
        var found = entry.Key;
        return found.IsUsableAt(now) && ApiKey.Matches(found.Salt, found.Hash, presented) ? new ApiKeyClient(found.Name, found.Role, found.UnitCode) : null;
    }

    public void Forget(string prefix) => _cache.TryRemove(prefix, out _);
}

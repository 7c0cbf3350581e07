using System.Security.Cryptography;
using System.Text;
using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Access;

/// <summary>
/// A machine client's API key. The key itself is shown once, when it is issued; only its first characters (the prefix
/// used to find it) and a salted SHA-256 hash are kept. Keys carry 240 bits of randomness, so a fast hash is safe and
/// keeps every request cheap.
/// </summary>
public sealed class ApiKey : Entity
{
    public const int NameMaxLength = 200;
    public const int PrefixLength = 12;
    private const string Scheme = "emk_";

    private ApiKey() { }

    public string Name { get; private set; } = "";
    /// <summary>The key's first characters: how a presented key is found. Not secret on its own.</summary>
    public string Prefix { get; private set; } = "";
    public byte[] Salt { get; private set; } = [];
    public byte[] Hash { get; private set; } = [];
    public ClientRole Role { get; private set; }
    /// <summary>The unit a <see cref="ClientRole.Unit"/> key acts for.</summary>
    public string? UnitCode { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Issues a key; the second value is the key in clear, to be shown once and never stored.</summary>
    public static (ApiKey Key, string Secret) Issue(string name, ClientRole role, string? unitCode, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var secret = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        return (FromSecret(name, role, unitCode, expiresAt, now, secret), secret);
    }

    /// <summary>A key whose secret is given (the bootstrap key from the environment).</summary>
    public static ApiKey FromSecret(string name, ClientRole role, string? unitCode, DateTimeOffset? expiresAt, DateTimeOffset now, string secret)
    {
        if (secret.Length < 32) throw new DomainException(Localized.Text("An API key must be at least 32 characters long.", "Khóa API phải dài ít nhất 32 ký tự."));
        if (expiresAt is { } e && e <= now) throw new DomainException(Localized.Text("The expiry must be in the future.", "Thời điểm hết hạn phải ở tương lai."));
        var cleanUnit = Text.Clean(unitCode);
        if (role == ClientRole.Unit && cleanUnit is null) throw new DomainException(Localized.Text("A unit key needs the code of the unit it acts for.", "Khóa API của đơn vị phải có mã của đơn vị mà khóa đại diện."));
        if (role != ClientRole.Unit && cleanUnit is not null) throw new DomainException(Localized.Text("Only a key with the Unit role is bound to a unit.", "Chỉ khóa API có vai trò Unit mới gắn với một đơn vị."));
        var salt = RandomNumberGenerator.GetBytes(16);
        return new ApiKey
        {
            Name = Text.Required(name, Localized.Text("A key's name", "Tên khóa API")),
            Prefix = secret[..PrefixLength],
            Salt = salt,
            Hash = HashOf(salt, secret),
            Role = role,
            UnitCode = cleanUnit,
            ExpiresAt = expiresAt,
        };
    }

    public static string? PrefixOf(string presented) => presented.Length >= 32 ? presented[..PrefixLength] : null;

    public static bool Matches(byte[] salt, byte[] hash, string presented) =>
        CryptographicOperations.FixedTimeEquals(HashOf(salt, presented), hash);

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new DomainException(Localized.Text($"The key '{Name}' was already revoked on {RevokedAt:yyyy-MM-dd HH:mm} UTC.", $"Khóa API '{Name}' đã bị thu hồi lúc {RevokedAt:yyyy-MM-dd HH:mm} UTC."));
        RevokedAt = now;
    }

    private static byte[] HashOf(byte[] salt, string secret)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetMaxByteCount(secret.Length)];
        salt.CopyTo(bytes, 0);
        var length = salt.Length + Encoding.UTF8.GetBytes(secret, bytes.AsSpan(salt.Length));
        return SHA256.HashData(bytes.AsSpan(0, length));
    }
}

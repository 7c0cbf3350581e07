using System.Security.Cryptography;
using System.Text;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// The Standard Webhooks signature: HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed by the bytes
/// of the secret's base64 after <c>whsec_</c>, sent as <c>webhook-signature: v1,{base64}</c>.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}

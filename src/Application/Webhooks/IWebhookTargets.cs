namespace EmulationApi.Application.Webhooks;

/// <summary>
/// The guard against server-side request forgery: whether the API may send requests to an address. An address on
/// loopback, a private, link-local or other non-public network is refused unless its host is listed in
/// <c>Webhooks:AllowedHosts</c>; so is a name that resolves to one (or to nothing).
/// </summary>
public interface IWebhookTargets
{
    /// <summary>Null when the API may deliver to <paramref name="url"/>; otherwise why not, in the request's language.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken ct);
}

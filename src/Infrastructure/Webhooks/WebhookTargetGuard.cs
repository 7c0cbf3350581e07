using System.Net;
using System.Net.Sockets;
using EmulationApi.Application.Webhooks;
using EmulationApi.Domain.Common;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// The forgery guard of <see cref="IWebhookTargets"/>: a host listed in <c>Webhooks:AllowedHosts</c> is allowed as it
/// is; any other host must be a public address, or a name every address of which is public. Refused: loopback,
/// unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16, fe80::/10),
/// multicast, reserved (0/8, 240/4, broadcast), documentation and benchmarking ranges, IPv4 inside IPv6 (mapped or
/// NAT64) judged as the IPv4 address — and a name that does not resolve within 5 seconds.
/// </summary>
public sealed class WebhookTargetGuard(IEnumerable<string> allowedHosts) : IWebhookTargets
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _allowed = new(allowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct) => (await CheckAsync(url.IdnHost, ct)).Refusal;

    /// <summary>
    /// Connects to a target's host, checked at that moment: to one of the addresses the check just resolved, never to
    /// what a second look-up might answer — a name whose answer changes between the check and the connection (DNS
    /// rebinding) cannot lead a delivery into a private network. A host in <c>Webhooks:AllowedHosts</c> is connected
    /// to as named. The delivery worker's HTTP handler connects only through this.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint target, CancellationToken ct)
    {
        var (addresses, refusal) = await CheckAsync(target.Host, ct);
        if (refusal is not null) throw new HttpRequestException("Refused by the forgery guard: " + refusal);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (addresses is null) await socket.ConnectAsync(target, ct);
            else await socket.ConnectAsync(addresses, target.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The host's addresses, all public (null: the host is allowed as it is), or why it is refused.</summary>
    private async Task<(IPAddress[]? Addresses, string? Refusal)> CheckAsync(string hostName, CancellationToken ct)
    {
        var host = hostName.Trim('[', ']');
        if (_allowed.Contains(host)) return (null, null);

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ResolveTimeout);
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                addresses = [];
            }
            if (addresses.Length == 0)
                return (null, Localized.Text($"The host '{host}' cannot be resolved, so the API cannot tell that it is a public address.",
                    $"Không phân giải được tên máy '{host}', nên không xác định được đó là địa chỉ công cộng."));
        }

        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner
            ? (null, Localized.Text($"'{host}' is {inner}, not a public address; deliveries to loopback or private networks need the host in Webhooks:AllowedHosts.",
                $"'{host}' là {inner}, không phải địa chỉ công cộng; muốn gửi tới mạng nội bộ hoặc địa chỉ của chính máy (loopback), hãy thêm tên máy vào Webhooks:AllowedHosts."))
            : (addresses, null);
    }

    /// <summary>Whether an address is on the public internet (see the class summary for what is not).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var b = address.GetAddressBytes();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return IsPublicV4(b[12..]); // 64:ff9b::/96 (NAT64)
        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None)
                 || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                 || b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8                         // 2001:db8::/32 documentation
                 || b.Take(10).All(x => x == 0));                                                          // ::/80 (unspecified, IPv4-compatible)
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 || b[0] >= 224                       // this network, private, loopback, multicast, reserved, broadcast
        || b[0] == 100 && (b[1] & 0xC0) == 64                        // 100.64/10 shared (carrier-grade NAT)
        || b[0] == 169 && b[1] == 254                                // link-local (cloud metadata: 169.254.169.254)
        || b[0] == 172 && (b[1] & 0xF0) == 16                        // 172.16/12
        || b[0] == 192 && b[1] == 168                                // 192.168/16
        || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2                // 192.0.0/24 protocol assignments, 192.0.2/24 documentation
        || b[0] == 198 && (b[1] & 0xFE) == 18                        // 198.18/15 benchmarking
        || b[0] == 198 && b[1] == 51 && b[2] == 100                  // documentation
        || b[0] == 203 && b[1] == 0 && b[2] == 113);                 // documentation
}

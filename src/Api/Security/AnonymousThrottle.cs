using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace EmulationApi.Api.Security;

/// <summary>
/// Throttles the requests that carry no valid credentials, per client address, right after authentication: a request
/// without credentials has cost nothing there (no header, no key hashed, no database lookup), and one whose credentials
/// failed is charged after its failure. Once an address has used its allowance, such requests get 429 with
/// Retry-After instead of 401, while requests from the same address with valid credentials go on to their own
/// per-client bucket (<see cref="SecuritySetup"/>), so a province NAT or the portal's gateway is never starved by a
/// neighbour's guessing. The health checks and the OpenAPI document are not throttled. An IPv6 client is one /64
/// network, since anyone holding one address holds the whole network.
/// </summary>
public sealed class AnonymousThrottle(RateLimitBuckets buckets, int permitsPerMinute) : IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        buckets.TokenBucket("anonymous", address, permitsPerMinute));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true || SecuritySetup.IsUnthrottled(context.Request.Path))
        {
            await next(context);
            return;
        }
        using var lease = await _limiter.AcquireAsync(AddressOf(context.Connection.RemoteIpAddress), cancellationToken: context.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await SecuritySetup.WriteTooManyRequestsAsync(context, lease, retry =>
            Domain.Common.Localized.Text(
                $"Too many requests without valid credentials come from this address; send a valid API key or bearer token, or try again in {retry} s.",
                $"Địa chỉ này gửi quá nhiều yêu cầu không có thông tin xác thực hợp lệ; hãy gửi khóa API hoặc mã thông báo bearer hợp lệ, hoặc thử lại sau {retry} giây."));
    }

    /// <summary>The bucket of a client address: the address itself, or its /64 network for IPv6.</summary>
    public static string AddressOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter.Dispose();
}

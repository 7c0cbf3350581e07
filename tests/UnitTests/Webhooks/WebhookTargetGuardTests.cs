using System.Net;
using System.Net.Sockets;
using EmulationApi.Infrastructure.Webhooks;

namespace EmulationApi.UnitTests.Webhooks;

/// <summary>
/// The delivery worker connects only through <see cref="WebhookTargetGuard.ConnectAsync"/>: the address is checked at
/// the moment of connecting, and the connection goes to the address checked.
/// </summary>
public sealed class WebhookTargetGuardTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public WebhookTargetGuardTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose() => _listener.Stop();

    [Theory]
    [InlineData("localhost")]   // a name that resolves to loopback
    [InlineData("127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task ConnectAsync_ToALoopbackTargetNotAllowed_RefusesWithoutConnecting(string host)
    {
        var guard = new WebhookTargetGuard([]);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guard.ConnectAsync(new DnsEndPoint(host, Port), CancellationToken.None).AsTask());

        Assert.StartsWith("Refused by the forgery guard: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowedHosts", refused.Message, StringComparison.Ordinal);
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task ConnectAsync_ToAnAllowedHost_Connects()
    {
        var guard = new WebhookTargetGuard(["localhost"]);

        await using var stream = await guard.ConnectAsync(new DnsEndPoint("localhost", Port), CancellationToken.None);
        using var accepted = await _listener.AcceptTcpClientAsync();

        Assert.True(accepted.Connected);
    }
}

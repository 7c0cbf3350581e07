using EmulationApi.Api.Hosting;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Edge = EmulationApi.Api.Hosting.IdleMemoryTrim.QuietEdge;

namespace EmulationApi.Api.IntegrationTests.Hosting;

public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1L << 20;

    [Fact]
    public void Next_WhenQuietAfterBusy_TrimsOnceUntilBusyAgain()
    {
        var edge = new Edge();
        long total = 0;
        bool Sample(long allocated) => edge.Next(total += allocated);

        Assert.False(Sample(200 * Mb));  // busy
        Assert.False(Sample(40 * Mb));   // still busy
        Assert.True(Sample(Mb / 4));     // the edge: went quiet
        Assert.False(Sample(Mb / 4));    // still quiet: no second trim
        Assert.False(Sample(0));
        Assert.False(Sample(Edge.BusyBytes));
        Assert.True(Sample(0));          // quiet again after the next busy spell
    }

    [Fact]
    public void Next_WhenNeverBusy_NeverTrims()
    {
        var edge = new Edge();
        long total = 0;
        for (var i = 0; i < 10; i++) Assert.False(edge.Next(total += Edge.BusyBytes - 1));
    }

    [Fact]
    public void Next_WhenTrafficStaysBetweenQuietAndBusy_WaitsForQuiet()
    {
        var edge = new Edge();

        Assert.False(edge.Next(100 * Mb));
        Assert.False(edge.Next(100 * Mb + 2 * Mb)); // light traffic, not quiet
        Assert.True(edge.Next(100 * Mb + 2 * Mb));  // quiet
    }
}

public sealed class IdleMemoryTrimHostTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void Host_WhenBuilt_RunsTheTrim() =>
        Assert.Contains(Factory.Services.GetServices<IHostedService>(), s => s is IdleMemoryTrim);
}

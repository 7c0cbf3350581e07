using EmulationApi.Application.Common.Persistence;

namespace EmulationApi.UnitTests.Persistence;

public sealed class StoredPrecisionClockTests
{
    [Fact]
    public void GetUtcNow_IsTheSystemTimeInWholeMicroseconds()
    {
        var clock = new StoredPrecisionClock();
        for (var i = 0; i < 1_000; i++)
        {
            var before = DateTimeOffset.UtcNow.AddTicks(-(TimeSpan.TicksPerMicrosecond - 1));
            var now = clock.GetUtcNow();
            Assert.Equal(0, now.Ticks % TimeSpan.TicksPerMicrosecond);
            Assert.Equal(TimeSpan.Zero, now.Offset);
            Assert.InRange(now, before, DateTimeOffset.UtcNow);
        }
    }
}

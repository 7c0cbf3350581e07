namespace EmulationApi.Application.Common.Persistence;

/// <summary>
/// The system clock at the precision PostgreSQL stores (microseconds), so an answer built from a time just written is
/// the time a later read gives back, to the digit.
/// </summary>
public sealed class StoredPrecisionClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}

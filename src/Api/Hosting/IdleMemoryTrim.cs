namespace EmulationApi.Api.Hosting;

/// <summary>
/// Hands the GC heap's free memory back to the operating system once the API goes quiet after a busy spell. Under load
/// the workstation GC grows its committed memory to what the requests in flight need (~100–150 MB at 64 connections of
/// list and summary reads) and keeps it: it decommits only when it collects, and an idle API allocates nothing, so
/// nothing collects. One aggressive full collection on the busy → quiet edge (a blocking GC of the ~30 MB that stays
/// live, tens of milliseconds, at most once per quiet spell) gives that memory back.
/// </summary>
public sealed partial class IdleMemoryTrim(ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>How often the allocation rate is looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var edge = new QuietEdge();
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!edge.Next(GC.GetTotalAllocatedBytes())) continue;
            // The working set, not the GC's own figure: GetGCMemoryInfo describes the last collection, which before this
            // one may be long past (or none at all, reading 0).
            var before = Environment.WorkingSet;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            LogTrimmed(logger, before >> 20, Environment.WorkingSet >> 20, GC.GetGCMemoryInfo().TotalCommittedBytes >> 20);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The API went quiet: memory trimmed, working set {BeforeMb} MB -> {AfterMb} MB, GC heap {HeapMb} MB committed")]
    private static partial void LogTrimmed(ILogger logger, long beforeMb, long afterMb, long heapMb);

    /// <summary>
    /// Finds the busy → quiet edge from the process's running total of allocated bytes, sampled once a period: a period
    /// that allocated <see cref="BusyBytes"/> or more is busy; the first period after a busy one that allocated less than
    /// <see cref="QuietBytes"/> is the edge (health probes and a stray request stay under it).
    /// </summary>
    public sealed class QuietEdge
    {
        public const long BusyBytes = 16L << 20;
        public const long QuietBytes = 1L << 20;

        private long _lastTotal;
        private bool _busySinceTrim;

        /// <summary>Takes the next sample; true when the API has just gone quiet after being busy.</summary>
        public bool Next(long totalAllocatedBytes)
        {
            var allocated = totalAllocatedBytes - _lastTotal;
            _lastTotal = totalAllocatedBytes;
            if (allocated >= BusyBytes)
            {
                _busySinceTrim = true;
                return false;
            }
            if (!_busySinceTrim || allocated >= QuietBytes) return false;
            _busySinceTrim = false;
            return true;
        }
    }
}

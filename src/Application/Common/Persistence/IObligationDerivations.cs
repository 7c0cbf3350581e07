namespace EmulationApi.Application.Common.Persistence;

/// <summary>
/// The obligations of units a bulk import registered or gave another kind are derived after the import commits, in
/// batches, a few tasks per short transaction under the feed lock, so progress reports keep flowing
/// during a large import. The queue is a table: a crash between the import and its derivation loses nothing, the
/// background worker resumes it.
/// </summary>
public interface IObligationDerivations
{
    /// <summary>Derives the oldest queued units (at most <paramref name="maxUnits"/>) in short transactions; answers how
    /// many units it derived (0: none queued).</summary>
    Task<int> DeriveNextBatchAsync(int maxUnits, CancellationToken ct);

    /// <summary>How many units still wait for their obligations.</summary>
    Task<int> CountPendingAsync(CancellationToken ct);

    /// <summary>Whether this unit still waits for its obligations.</summary>
    Task<bool> IsPendingAsync(Guid unitId, CancellationToken ct);

    /// <summary>Tells the background worker there is work, rather than letting it find out at its next poll.</summary>
    void Wake();
}

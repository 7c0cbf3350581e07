using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Common.Persistence;

/// <summary>
/// The latest change of every table the feeds, the work list and the scorecard show, read in one tiny statement: each
/// value is a backward walk of one updated_at index (or of a table of a few hundred rows), so it costs the same at any
/// size, where an aggregate over the matching rows grows with them. A list's ETag is made of its request, its reference
/// date and this marker: any write a page could show moves it — tasks, their obligations and tombstones are stamped in
/// commit order under the feed lock (a task is touched when its obligations change and when a unit it names is
/// renamed); units, plans and clusters move their own updated_at. A write elsewhere moves it too: the client then reads
/// the page once more, never a stale one.
/// </summary>
public sealed class ChangeMarker
{
    public DateTimeOffset? Tasks { get; init; }
    public DateTimeOffset? Obligations { get; init; }
    public DateTimeOffset? Tombstones { get; init; }
    public DateTimeOffset? Units { get; init; }
    public DateTimeOffset? Plans { get; init; }
    public DateTimeOffset? Clusters { get; init; }
}

public static class ChangeMarkers
{
    public static async Task<ChangeMarker> ReadChangeMarkerAsync(this IAppDbContext db, CancellationToken ct) =>
        (await db.ReadChangeMarkerAsync(unitKey: null, ct)).Changes;

    /// <summary>The change marker and, in the same statement, the id of the unit whose lower-cased code is
    /// <paramref name="unitKey"/> (null when none has it, or no key is given): a list scoped to a unit costs one
    /// statement before its page.</summary>
    public static async Task<(ChangeMarker Changes, Guid? UnitId)> ReadChangeMarkerAsync(this IAppDbContext db, string? unitKey, CancellationToken ct)
    {
        var row = await db.SqlQuery<MarkerAndUnit>($"""
            SELECT (SELECT max(updated_at) FROM tasks) AS tasks,
                   (SELECT max(updated_at) FROM obligations) AS obligations,
                   (SELECT max(deleted_at) FROM task_tombstones) AS tombstones,
                   (SELECT max(updated_at) FROM units) AS units,
                   (SELECT max(updated_at) FROM plans) AS plans,
                   (SELECT max(updated_at) FROM clusters) AS clusters,
                   (SELECT id FROM units WHERE lower(code) = {unitKey}) AS unit_id
            """).SingleAsync(ct);
        return (new ChangeMarker
        {
            Tasks = row.Tasks, Obligations = row.Obligations, Tombstones = row.Tombstones,
            Units = row.Units, Plans = row.Plans, Clusters = row.Clusters,
        }, row.UnitId);
    }

    private sealed class MarkerAndUnit
    {
        public DateTimeOffset? Tasks { get; init; }
        public DateTimeOffset? Obligations { get; init; }
        public DateTimeOffset? Tombstones { get; init; }
        public DateTimeOffset? Units { get; init; }
        public DateTimeOffset? Plans { get; init; }
        public DateTimeOffset? Clusters { get; init; }
        public Guid? UnitId { get; init; }
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// Drains <see cref="ObligationSql.PendingTable"/>, a batch of queued units at a time (those arisen on the same day as
/// the oldest): it reads which tasks the batch reaches or holds obligations on, without any lock, then derives the
/// batch's obligations (<see cref="ObligationSql.DeriveUnitsFunction"/>) a few tasks at a time — each chunk about
/// <see cref="ChunkRows"/> obligations, its own short transaction under the feed lock — and last removes the batch from
/// the queue. A crash in between leaves the batch queued; deriving it again adds only what is still missing. It works on
/// connections of its own (the request's context may be in another transaction; the worker has no request).
/// </summary>
internal sealed class ObligationDerivations(string connectionString, TimeProvider clock) : IObligationDerivations, IDisposable
{
    /// <summary>Units per batch: the reach of 1,000 units is read in one query of a few seconds, outside any lock.</summary>
    public const int BatchUnits = 1_000;

    /// <summary>Obligations per transaction: ~2,000 rows and the status of their few tasks take well under a second, so a
    /// progress report never waits longer than that for the feed lock.</summary>
    public const int ChunkRows = 2_000;

    private const int ReachTimeoutSeconds = 300;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _drain = new(1, 1);
    private readonly Lock _gate = new();

    public async Task<int> DeriveNextBatchAsync(int maxUnits, CancellationToken ct)
    {
        await _drain.WaitAsync(ct); // one drainer per process: the worker and a request never derive the same batch twice
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            var batch = await TakeAsync(connection, Math.Min(maxUnits, BatchUnits), ct);
            if (batch is null) return 0;
            var (units, aroseOn, takenAt) = batch.Value;
            foreach (var tasks in await ChunksAsync(connection, units, ct))
                await InFeedTransactionAsync(connection, $"SELECT {ObligationSql.DeriveUnitsFunction}(@units, @tasks, @aroseOn, @today)", command =>
                {
                    command.Parameters.AddWithValue("units", units);
                    command.Parameters.AddWithValue("tasks", tasks);
                    command.Parameters.AddWithValue("aroseOn", aroseOn);
                    command.Parameters.AddWithValue("today", TaskQueries.Today(clock));
                }, ct);
            // Units queued again meanwhile (another import gave one another kind) stay queued.
            await InFeedTransactionAsync(connection, $"DELETE FROM {ObligationSql.PendingTable} WHERE unit_id = ANY (@units) AND queued_at <= @takenAt", command =>
            {
                command.Parameters.AddWithValue("units", units);
                command.Parameters.AddWithValue("takenAt", takenAt);
            }, ct);
            return units.Length;
        }
        finally
        {
            _drain.Release();
        }
    }

    /// <summary>The oldest queued units arisen on the same day as the oldest one, and when they were taken.</summary>
    private static async Task<(Guid[] Units, DateOnly AroseOn, DateTime TakenAt)?> TakeAsync(NpgsqlConnection connection, int limit, CancellationToken ct)
    {
        await using var take = new NpgsqlCommand($"""
            SELECT array_agg(q.unit_id), min(q.arose_on), clock_timestamp()
              FROM (SELECT q.unit_id, q.arose_on FROM {ObligationSql.PendingTable} q
                     WHERE q.arose_on = (SELECT arose_on FROM {ObligationSql.PendingTable} ORDER BY queued_at, unit_id LIMIT 1)
                     ORDER BY q.queued_at, q.unit_id LIMIT @limit) q
            """, connection);
        take.Parameters.AddWithValue("limit", limit);
        await using var reader = await take.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (await reader.IsDBNullAsync(0, ct)) return null;
        return (reader.GetFieldValue<Guid[]>(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateTime>(2));
    }

    /// <summary>The tasks whose obligations the units may change — those they should hold obligations on, with how many,
    /// and those they hold active ones on — cut into chunks of about <see cref="ChunkRows"/> obligations.</summary>
    private static async Task<List<Guid[]>> ChunksAsync(NpgsqlConnection connection, Guid[] units, CancellationToken ct)
    {
        await using var reach = new NpgsqlCommand($"""
            SELECT task_id, sum(n)::int FROM (
              SELECT task_id, count(*) AS n FROM {ObligationSql.DesiredUnitsFunction}(@units, NULL) GROUP BY task_id
              UNION ALL
              SELECT o.task_id, 1 FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id AND p.status = 'Issued'
               WHERE o.unit_id = ANY (@units) AND o.state = 'Active'
            ) x GROUP BY task_id ORDER BY task_id
            """, connection) { CommandTimeout = ReachTimeoutSeconds };
        reach.Parameters.AddWithValue("units", units);
        var chunks = new List<Guid[]>();
        var chunk = new List<Guid>();
        var rows = 0;
        await using var reader = await reach.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var n = reader.GetInt32(1);
            if (chunk.Count > 0 && rows + n > ChunkRows)
            {
                chunks.Add([.. chunk]);
                (chunk, rows) = ([], 0);
            }
            chunk.Add(reader.GetGuid(0));
            rows += n;
        }
        if (chunk.Count > 0) chunks.Add([.. chunk]);
        return chunks;
    }

    private static async Task InFeedTransactionAsync(NpgsqlConnection connection, string sql, Action<NpgsqlCommand> parameters, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockFeed = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtext('{Schema.FeedLockKey}'))", connection, transaction))
            await lockFeed.ExecuteNonQueryAsync(ct);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            parameters(command);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<int> CountPendingAsync(CancellationToken ct) =>
        (int)(await ScalarAsync($"SELECT count(*)::int FROM {ObligationSql.PendingTable}", null, ct))!;

    public async Task<bool> IsPendingAsync(Guid unitId, CancellationToken ct) =>
        (bool)(await ScalarAsync($"SELECT EXISTS (SELECT 1 FROM {ObligationSql.PendingTable} WHERE unit_id = @unit)", unitId, ct))!;

    private async Task<object?> ScalarAsync(string sql, Guid? unitId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (unitId is { } id) command.Parameters.AddWithValue("unit", id);
        return await command.ExecuteScalarAsync(ct);
    }

    public void Wake()
    {
        lock (_gate)
            if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Waits for <see cref="Wake"/> or the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken ct) => _signal.WaitAsync(poll, ct);

    public void Dispose()
    {
        _signal.Dispose();
        _drain.Dispose();
    }
}

/// <summary>
/// Derives queued obligations in the background: at start (work a crash left behind), when an import wakes it, and every
/// few seconds; one batch after the other until the queue is empty. A failed batch (the database away) rolls back and is
/// tried again at the next poll: the queue keeps it; a failure never stops the host.
/// </summary>
internal sealed partial class ObligationDerivationWorker(ObligationDerivations derivations, ILogger<ObligationDerivationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await derivations.DeriveNextBatchAsync(ObligationDerivations.BatchUnits, stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            await derivations.WaitAsync(Poll, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deriving queued obligations failed; the queue keeps them for the next attempt")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

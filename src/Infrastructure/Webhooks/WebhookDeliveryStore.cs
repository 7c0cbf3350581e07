using Npgsql;
using NpgsqlTypes;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>A delivery claimed by a worker: what to send, where, and how long it has been owed.
/// Printed (a log, a debugger), it shows the delivery's id and type, never the secret or the target's address (which may
/// carry a token).</summary>
/// <param name="Held">Until when this claim holds it (its <c>next_attempt_at</c>, as stored): the claim's token — a
/// renewal or a record that finds another value there does nothing, the delivery being someone else's now.</param>
internal sealed record ClaimedDelivery(Guid Id, int Attempts, DateTimeOffset QueuedAt, Guid SubscriptionId, string Url, string Secret,
    string Type, string Data, DateTimeOffset OccurredAt, DateTimeOffset Held)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Type = ").Append(Type).Append(", Attempts = ").Append(Attempts);
        return true;
    }
}

/// <summary>One request sent: when, the status (null without an answer), how long, and what went wrong.</summary>
internal sealed record DeliveryAttempt(DateTimeOffset At, int? Status, int DurationMs, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
    /// <summary>410 Gone: the receiver says the subscription is over.</summary>
    public bool Gone => Status == 410;
}

/// <summary>Where a delivery stands after a claim: delivered, given up, or due again at <see cref="NextAttemptAt"/>.</summary>
internal sealed record DeliveryOutcome(string State, DateTimeOffset NextAttemptAt, DateTimeOffset? FinishedAt, bool EndSubscription);

/// <summary>
/// The worker's SQL: claiming due deliveries (<c>FOR UPDATE SKIP LOCKED</c>, so instances never take the same one) and
/// recording what came of them. A claim pushes the delivery's next attempt past a lease instead of holding a transaction
/// open over HTTP: if the instance dies mid-send, another one takes the delivery when the lease ends.
/// </summary>
internal sealed class WebhookDeliveryStore(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public void Dispose() => dataSource.Dispose();

    /// <summary>
    /// Claims up to <paramref name="batch"/> due deliveries of active subscriptions, each the oldest pending one of its
    /// subscription and subject — a later one waits while an earlier one is pending (even claimed or waiting to retry),
    /// which keeps a subject's deliveries in order.
    /// </summary>
    public async Task<List<ClaimedDelivery>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int batch, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
              SELECT d.id FROM webhook_deliveries d
               WHERE d.state = 'Pending' AND d.next_attempt_at <= @now
                 AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.active)
                 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.subject = d.subject
                                    AND e.state = 'Pending' AND e.sequence < d.sequence)
               ORDER BY d.next_attempt_at, d.sequence
               LIMIT @batch
               FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d SET next_attempt_at = @leased
              FROM due, webhook_subscriptions s, webhook_events ev
             WHERE d.id = due.id AND s.id = d.subscription_id AND ev.id = d.event_id
            RETURNING d.id, d.attempts, d.queued_at, s.id, s.url, s.secret, ev.type, ev.data::text, ev.occurred_at, d.sequence, d.next_attempt_at
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("leased", now + lease));
        command.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
        var claimed = new List<(long Sequence, ClaimedDelivery Delivery)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add((reader.GetInt64(9), new ClaimedDelivery(reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetGuid(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(10))));
        return [.. claimed.OrderBy(c => c.Sequence).Select(c => c.Delivery)];
    }

    /// <summary>
    /// Renews a claimed delivery's lease as its send begins, so a batch's later deliveries are not taken by another
    /// instance while they wait their turn; null when the delivery is no longer this claim's (its lease ran out and another
    /// instance took it, or it was replayed or deleted meanwhile) — then it is not sent.
    /// </summary>
    public async Task<DateTimeOffset?> RenewAsync(ClaimedDelivery delivery, DateTimeOffset until, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE webhook_deliveries SET next_attempt_at = @until
             WHERE id = @id AND state = 'Pending' AND next_attempt_at = @held
            RETURNING next_attempt_at
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", delivery.Id));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("held", delivery.Held));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until", until));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>Records the attempts of one claim and where the delivery stands, in one transaction (nothing if the
    /// subscription was deleted meanwhile: its deliveries went with it).</summary>
    public async Task RecordAsync(ClaimedDelivery delivery, IReadOnlyList<DeliveryAttempt> attempts, DeliveryOutcome outcome, CancellationToken ct)
    {
        var last = attempts[^1];
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO webhook_delivery_attempts (delivery_id, at, status_code, duration_ms, error)
                    SELECT @id, a.at, a.status, a.duration, a.error
                      FROM unnest(@at, @status, @duration, @error) AS a(at, status, duration, error)
                     WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = @id AND state = 'Pending' AND next_attempt_at = @held)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid>("id", delivery.Id),
                        new NpgsqlParameter<DateTimeOffset>("held", delivery.Held),
                        new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = attempts.Select(a => a.At).ToArray() },
                        new NpgsqlParameter("status", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = attempts.Select(a => a.Status).ToArray() },
                        new NpgsqlParameter("duration", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = attempts.Select(a => a.DurationMs).ToArray() },
                        new NpgsqlParameter("error", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attempts.Select(a => a.Error).ToArray() },
                    },
                },
                new NpgsqlBatchCommand("""
                    UPDATE webhook_deliveries
                       SET state = @state, attempts = attempts + @count, last_attempt_at = @last_at, last_status = @last_status,
                           last_error = @last_error, finished_at = @finished, next_attempt_at = @next
                     WHERE id = @id AND state = 'Pending' AND next_attempt_at = @held
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid>("id", delivery.Id),
                        new NpgsqlParameter<DateTimeOffset>("held", delivery.Held),
                        new NpgsqlParameter<string>("state", outcome.State),
                        new NpgsqlParameter<int>("count", attempts.Count),
                        new NpgsqlParameter<DateTimeOffset>("last_at", last.At),
                        new NpgsqlParameter("last_status", NpgsqlDbType.Integer) { Value = (object?)last.Status ?? DBNull.Value },
                        new NpgsqlParameter("last_error", NpgsqlDbType.Text) { Value = (object?)last.Error ?? DBNull.Value },
                        new NpgsqlParameter("finished", NpgsqlDbType.TimestampTz) { Value = (object?)outcome.FinishedAt ?? DBNull.Value },
                        new NpgsqlParameter<DateTimeOffset>("next", outcome.NextAttemptAt),
                    },
                },
                new NpgsqlBatchCommand("UPDATE webhook_subscriptions SET active = false WHERE id = @subscription AND @end AND active")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid>("subscription", delivery.SubscriptionId),
                        new NpgsqlParameter<bool>("end", outcome.EndSubscription),
                    },
                },
            },
        };
        await using var transaction = await connection.BeginTransactionAsync(ct);
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// Bulk load of units in one transaction: rows stream into a temporary table by binary COPY, the set checks and the
/// classification run as a few SQL statements, and the merge is one INSERT and one UPDATE — never one statement per row.
/// Imports take a transaction-scoped advisory lock before they read the units, so overlapping imports run one after
/// the other instead of deadlocking. The transaction is the request's <see cref="AppDbContext"/>'s own, so a SaveChanges
/// of the use case (its audit entry) commits or rolls back with the load.
/// </summary>
internal sealed class UnitImportStore(AppDbContext db) : IUnitImportStore
{
    public async Task<IUnitImportBatch> BeginAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = new Batch(db, (NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        try
        {
            await batch.ExecuteAsync($"""
                CREATE TEMP TABLE unit_import (
                  row_no int NOT NULL,
                  code text NOT NULL,
                  code_key text NOT NULL,
                  name text COLLATE "{Schema.ViCollation}",
                  kind text,
                  short_name text,
                  parent_key text,
                  parent_code text,
                  document_exchange_id text,
                  aliases text[] NOT NULL,
                  id uuid NOT NULL
                ) ON COMMIT DROP
                """, ct);
            await batch.OpenCopyAsync(ct);
            return batch;
        }
        catch
        {
            await batch.DisposeAsync();
            throw;
        }
    }

    private sealed class Batch(AppDbContext db, NpgsqlConnection connection, IDbContextTransaction transaction) : IUnitImportBatch
    {
        private const string LockKey = "emulation.units.import";
        private NpgsqlBinaryImporter? _copy;
        private bool _done;

        public async Task OpenCopyAsync(CancellationToken ct) =>
            _copy = await connection.BeginBinaryImportAsync(
                "COPY unit_import (row_no, code, code_key, name, kind, short_name, parent_key, parent_code, document_exchange_id, aliases, id) FROM STDIN (FORMAT BINARY)", ct);

        public async Task StageAsync(StagedUnit unit, CancellationToken ct)
        {
            var copy = _copy ?? throw new InvalidOperationException("The staging copy is closed.");
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(unit.Row, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(unit.Code, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(unit.Code.ToLowerInvariant(), NpgsqlDbType.Text, ct);
            await WriteNullable(copy, unit.Name, ct);
            await WriteNullable(copy, unit.Kind?.ToString(), ct);
            await WriteNullable(copy, unit.ShortName, ct);
            await WriteNullable(copy, unit.ParentCode?.ToLowerInvariant(), ct);
            await WriteNullable(copy, unit.ParentCode, ct);
            await WriteNullable(copy, unit.DocumentExchangeId, ct);
            await copy.WriteAsync(unit.Aliases, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
        }

        private static Task WriteNullable(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
            value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

        public async Task<IReadOnlyList<RowError>> FindSetErrorsAsync(int limit, CancellationToken ct)
        {
            await CloseCopyAsync(ct);
            await ExecuteAsync($"SELECT pg_advisory_xact_lock(hashtext('{LockKey}'))", ct);
            await ExecuteAsync("CREATE INDEX ON unit_import (code_key); ANALYZE unit_import;", ct);
            return await QueryErrorsAsync($"""
                WITH dup AS (
                  SELECT row_no, code, min(row_no) OVER (PARTITION BY code_key) AS first_row FROM unit_import
                ),
                walk AS (
                  {UnitCycleRule.RowsInCycles("unit_import")}
                )
                SELECT row_no, 'code', 'repeated', code, first_row::text
                  FROM dup WHERE row_no <> first_row
                UNION ALL
                SELECT s.row_no, 'parentCode', 'unknownParent', s.parent_code, NULL
                  FROM unit_import s
                  WHERE s.parent_key IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM unit_import p WHERE p.code_key = s.parent_key)
                    AND NOT EXISTS (SELECT 1 FROM units u WHERE lower(u.code) = s.parent_key)
                UNION ALL
                SELECT s.row_no, 'parentCode', 'cycle', s.parent_code, s.code
                  FROM walk JOIN unit_import s USING (row_no)
                ORDER BY 1, 2
                LIMIT {limit}
                """, ct);
        }

        public async Task<(int Created, int Updated, int Unchanged)> ClassifyAsync(CancellationToken ct)
        {
            await ExecuteAsync($"""
                -- One pass classifies every row (the registry's id when the code exists, the parent's id from the
                -- registry or the file, created/updated/unchanged); rewriting the staging table row by row cost more.
                CREATE TEMP TABLE unit_merge ON COMMIT DROP AS
                SELECT coalesce(u.id, s.id) AS id, s.code, s.name, s.kind, s.short_name, s.document_exchange_id, s.aliases, m.parent_id,
                       CASE WHEN u.id IS NULL THEN 'created'
                            WHEN (u.name, u.kind, u.short_name, u.parent_id, u.document_exchange_id, u.aliases)
                                 IS NOT DISTINCT FROM (s.name, s.kind, s.short_name, m.parent_id, s.document_exchange_id, s.aliases)
                            THEN 'unchanged' ELSE 'updated' END AS outcome,
                       -- Only a new unit or another kind changes whom the plans' groups reach; a rename or a new parent does
                       -- not, and neither does a kind no group reaches, before or after (AllCommunesAndWards' kinds are
                       -- among AllLocalitiesAndUnits'; the cluster groups reach members whatever their kind).
                       CASE WHEN u.id IS NULL THEN s.kind IN ({ObligationSql.AddresseeKinds})
                            ELSE u.kind IS DISTINCT FROM s.kind AND (s.kind IN ({ObligationSql.AddresseeKinds}) OR u.kind IN ({ObligationSql.AddresseeKinds}))
                       END AS regrouped
                  FROM unit_import s
                  LEFT JOIN units u ON lower(u.code) = s.code_key
                  CROSS JOIN LATERAL (
                    SELECT CASE WHEN s.parent_key IS NULL THEN NULL
                                ELSE coalesce((SELECT r.id FROM units r WHERE lower(r.code) = s.parent_key),
                                              (SELECT f.id FROM unit_import f WHERE f.code_key = s.parent_key ORDER BY f.row_no LIMIT 1)) END AS parent_id
                  ) m;
                """, ct);

            int created = 0, updated = 0, unchanged = 0;
            await using var command = Command("SELECT outcome, count(*)::int FROM unit_merge GROUP BY outcome");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var count = reader.GetInt32(1);
                switch (reader.GetString(0))
                {
                    case "created": created = count; break;
                    case "updated": updated = count; break;
                    default: unchanged = count; break;
                }
            }
            return (created, updated, unchanged);
        }

        public async Task<(int Queued, int Pending)> WriteAsync(CancellationToken ct)
        {
            // The feed lock after the import's own: renamed units touch the tasks that show them. It is held only for the
            // merge; the obligations of the units the groups now reach are queued, and derived after the commit in batches.
            await ExecuteAsync($"SELECT pg_advisory_xact_lock(hashtext('{Schema.FeedLockKey}'))", ct);
            await ExecuteAsync("""
                INSERT INTO units (id, code, name, kind, short_name, parent_id, document_exchange_id, aliases, is_active)
                SELECT id, code, name, kind, short_name, parent_id, document_exchange_id, aliases, true
                  FROM unit_merge WHERE outcome = 'created';
                UPDATE units u
                   SET name = s.name, kind = s.kind, short_name = s.short_name, parent_id = s.parent_id,
                       document_exchange_id = s.document_exchange_id, aliases = s.aliases
                  FROM unit_merge s WHERE u.id = s.id AND s.outcome = 'updated';
                """, ct);
            await using var queue = Command($"""
                INSERT INTO {ObligationSql.PendingTable} (unit_id, arose_on)
                SELECT id, @today FROM unit_merge WHERE regrouped
                ON CONFLICT (unit_id) DO UPDATE SET queued_at = clock_timestamp()  -- queued again: a batch under way keeps it
                """);
            queue.Parameters.AddWithValue("today", Application.Tasks.TaskQueries.Today(db.Clock));
            var queued = await queue.ExecuteNonQueryAsync(ct);
            // Counted before the commit: the worker cannot have taken this import's units yet.
            await using var pending = Command($"SELECT count(*)::int FROM {ObligationSql.PendingTable}");
            return (queued, (int)(await pending.ExecuteScalarAsync(ct))!);
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            await transaction.CommitAsync(ct);
            _done = true;
        }

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var command = Command(sql);
            await command.ExecuteNonQueryAsync(ct);
        }

        private NpgsqlCommand Command(string sql) => new(sql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());

        private async Task<IReadOnlyList<RowError>> QueryErrorsAsync(string sql, CancellationToken ct)
        {
            var errors = new List<RowError>();
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                errors.Add(new RowError(reader.GetInt32(0), reader.GetString(1),
                    SetErrorMessage(reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4))));
            return errors;
        }

        /// <summary>
        /// The message of a row error found by the set-based checks, in the request's language: the query says which
        /// rule a row breaks and with what values, the words are put here.
        /// </summary>
        private static string SetErrorMessage(string rule, string first, string second) => rule switch
        {
            "repeated" => Localized.Text(
                $"The code '{first}' appears again: it was first given in row {second}.",
                $"Mã '{first}' lặp lại: mã này đã được nêu lần đầu ở dòng {second}."),
            "unknownParent" => Localized.Text(
                $"No unit has the code '{first}', in this file or already registered.",
                $"Không có đơn vị nào mang mã '{first}', trong tệp này hoặc trong danh mục đơn vị đã đăng ký."),
            "cycle" => Localized.Text(
                $"The parent '{first}' would put unit '{second}' in a cycle: a unit cannot lie below itself.",
                $"Đơn vị cấp trên '{first}' sẽ làm đơn vị '{second}' nằm trong một vòng lặp: một đơn vị không thể nằm dưới chính nó."),
            _ => throw new InvalidOperationException($"Unknown import rule '{rule}'."),
        };

        private async Task CloseCopyAsync(CancellationToken ct)
        {
            if (_copy is null) return;
            await _copy.CompleteAsync(ct);
            await _copy.DisposeAsync();
            _copy = null;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_copy is not null) await _copy.DisposeAsync(); // cancels an unfinished COPY
                if (!_done) await transaction.RollbackAsync();
            }
            catch (Exception) when (connection.State is System.Data.ConnectionState.Broken or System.Data.ConnectionState.Closed)
            {
                // The connection is gone; PostgreSQL has rolled the transaction back.
            }
            finally
            {
                await transaction.DisposeAsync();
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

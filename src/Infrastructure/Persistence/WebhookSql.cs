using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// The outbox's fan-out: writing events (one row from EF, or thousands from one INSERT … SELECT of a SQL writer) queues,
/// in the same statement and transaction, one delivery per event and active subscription that wants it — its type
/// (or <c>*</c>), and its plan and unit filters. A subscription created later does not receive earlier events.
/// </summary>
public static class WebhookSql
{
    public static void CreateWebhookFanOut(this MigrationBuilder migration) =>
        migration.Sql("""
            -- A time-ordered (version 7) uuid: PostgreSQL 15 has no uuidv7(). The random uuid's first 48 bits become the
            -- Unix time in milliseconds and its version nibble 4 becomes 7.
            CREATE OR REPLACE FUNCTION emulation_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
              SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                       PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                     52, 1), 53, 1), 'hex')::uuid
            $$;
            CREATE OR REPLACE FUNCTION emulation_webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO webhook_deliveries (id, subscription_id, event_id, subject, state, attempts, queued_at, next_attempt_at)
              SELECT emulation_uuid_v7(), s.id, e.id, e.subject, 'Pending', 0, e.occurred_at, e.occurred_at
                FROM new_events e
                JOIN webhook_subscriptions s
                  ON s.active
                 AND (e.type = ANY (s.event_types) OR '*' = ANY (s.event_types))
                 AND (s.plan_id IS NULL OR s.plan_id = e.plan_id)
                 AND (s.unit_code IS NULL OR EXISTS (SELECT 1 FROM unnest(e.unit_codes) c WHERE lower(c) = lower(s.unit_code)))
               ORDER BY e.position, s.id;
              RETURN NULL;
            END $$;
            CREATE TRIGGER webhook_events_fan_out AFTER INSERT ON webhook_events REFERENCING NEW TABLE AS new_events
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_webhook_fan_out();
            """);

    /// <summary>
    /// <c>obligation.changed</c>, whatever wrote the obligations (a use case through EF, the derivation after an import, a
    /// bulk cascade): one statement trigger per INSERT and UPDATE statement writes the events of every obligation that
    /// arose or whose state, status, review, unit or extended deadline changed — one INSERT … SELECT, and nothing at all
    /// (one look-up of the subscriptions) unless an active subscription wants obligation events. Stamped with the
    /// database's clock (SQL writers have no other).
    /// </summary>
    public static void CreateObligationEvents(this MigrationBuilder migration) =>
        migration.Sql("""
            CREATE OR REPLACE FUNCTION emulation_obligation_events() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE changed uuid[];
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active AND event_types && ARRAY['obligation.changed', '*']::text[]) THEN
                RETURN NULL;
              END IF;
              IF TG_OP = 'INSERT' THEN
                SELECT array_agg(id) INTO changed FROM new_obligations;
              ELSE
                SELECT array_agg(id) INTO changed FROM (
                  SELECT id FROM (SELECT id, state, status, review, unit_id, extended_deadline FROM old_obligations
                                  UNION ALL SELECT id, state, status, review, unit_id, extended_deadline FROM new_obligations) r
                   GROUP BY id HAVING count(DISTINCT (state, status, review, unit_id, extended_deadline)) > 1) x;
              END IF;
              IF changed IS NULL THEN RETURN NULL; END IF;
              INSERT INTO webhook_events (id, type, subject, plan_id, unit_codes, data, occurred_at)
              SELECT emulation_uuid_v7(), 'obligation.changed', 'obligation/' || o.id, t.plan_id, ARRAY[u.code],
                     jsonb_build_object('id', o.id, 'taskId', o.task_id, 'planId', t.plan_id, 'unitCode', u.code, 'role', o.role,
                       'state', o.state, 'status', o.status, 'review', o.review, 'extendedDeadline', o.extended_deadline,
                       'change', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END),
                     now()
                FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN units u ON u.id = o.unit_id
               WHERE o.id = ANY (changed)
               ORDER BY o.id;
              RETURN NULL;
            END $$;
            -- A database migrated from an early build of this change already has them.
            DROP TRIGGER IF EXISTS obligations_webhook_inserted ON obligations;
            DROP TRIGGER IF EXISTS obligations_webhook_updated ON obligations;
            CREATE TRIGGER obligations_webhook_inserted AFTER INSERT ON obligations REFERENCING NEW TABLE AS new_obligations
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_obligation_events();
            CREATE TRIGGER obligations_webhook_updated AFTER UPDATE ON obligations REFERENCING OLD TABLE AS old_obligations NEW TABLE AS new_obligations
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_obligation_events();
            """);
}

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
}

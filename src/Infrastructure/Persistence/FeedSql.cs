using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// What keeps "changed since" complete beyond the rows' own writes: a deleted task leaves a tombstone, and a unit's new
/// name or code is a change of every task and obligation that shows it, and a task's number, content, deadline or status
/// is a change of its obligations. Both run in the writer's transaction, under
/// the feed lock, with the same clock as the ordered touch (see <see cref="Schema.CreateOrderedTouch"/>).
/// </summary>
public static class FeedSql
{
    public static void CreateFeedTriggers(this MigrationBuilder migration)
    {
        migration.Sql($"""
            CREATE OR REPLACE FUNCTION emulation_task_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock(hashtext('{Schema.FeedLockKey}'));
              -- Where the task stood (the feed filters and sorts tombstones by it) and when it went.
              INSERT INTO task_tombstones (task_id, plan_id, "group", sequence, deadline, deleted_at)
              VALUES (OLD.id, OLD.plan_id, OLD."group", OLD.sequence, OLD.deadline, clock_timestamp())
              ON CONFLICT (task_id) DO UPDATE SET deleted_at = excluded.deleted_at;
              RETURN OLD;
            END $$;
            CREATE TRIGGER tasks_tombstone AFTER DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION emulation_task_tombstone();
            """);
        migration.CreateFeedCascades();
    }

    /// <summary>The two cascades, per statement (issue 15): a bulk import renaming 10,000 units, or a derivation changing the
    /// status of 600 tasks, rewrites the rows that show them in one UPDATE each, not one UPDATE per unit or task (each with
    /// the tally's statement trigger behind it). The rows changed are found by grouping the old and new rows by id — no
    /// join of two transition tables, which PostgreSQL plans without statistics. An obligation this transaction wrote
    /// already is skipped: it was written under the feed lock (the ordered touch takes it), so its updated_at is after
    /// every change committed before, and no reader can have seen it before this commit.</summary>
    public static void CreateFeedCascades(this MigrationBuilder migration) =>
        migration.Sql("""
            DROP TRIGGER IF EXISTS units_renamed ON units;
            DROP TRIGGER IF EXISTS tasks_shown_changed ON tasks;
            CREATE OR REPLACE FUNCTION emulation_unit_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE renamed uuid[];
            BEGIN
              SELECT array_agg(id) INTO renamed FROM (
                SELECT id FROM (SELECT id, name, code FROM old_units UNION ALL SELECT id, name, code FROM new_units) r
                 GROUP BY id HAVING count(DISTINCT (name, code)) > 1) x;
              IF renamed IS NULL THEN RETURN NULL; END IF;
              -- Rewriting updated_at fires the ordered touch of each row: its version and updated_at move.
              UPDATE tasks SET updated_at = updated_at WHERE id IN (SELECT task_id FROM task_assignees WHERE unit_id = ANY (renamed));
              UPDATE obligations SET updated_at = updated_at
               WHERE (unit_id = ANY (renamed) OR transferred_from_unit_id = ANY (renamed)) AND xmin <> pg_current_xact_id()::xid;
              RETURN NULL;
            END $$;
            CREATE TRIGGER units_renamed AFTER UPDATE ON units REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_unit_renamed();
            CREATE OR REPLACE FUNCTION emulation_task_shown_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE changed uuid[];
            BEGIN
              -- An obligation shows its task's number, content, deadline and status: their change is a change of it.
              SELECT array_agg(id) INTO changed FROM (
                SELECT id FROM (SELECT id, "group", sequence, content, deadline, status FROM old_tasks
                                UNION ALL SELECT id, "group", sequence, content, deadline, status FROM new_tasks) r
                 GROUP BY id HAVING count(DISTINCT ("group", sequence, content, deadline, status)) > 1) x;
              IF changed IS NULL THEN RETURN NULL; END IF;
              UPDATE obligations SET updated_at = updated_at WHERE task_id = ANY (changed) AND xmin <> pg_current_xact_id()::xid;
              RETURN NULL;
            END $$;
            CREATE TRIGGER tasks_shown_changed AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_task_shown_changed();
            """);
}

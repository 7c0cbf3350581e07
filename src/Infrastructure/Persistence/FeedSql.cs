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
        migration.Sql("""
            CREATE OR REPLACE FUNCTION emulation_unit_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- Rewriting updated_at fires the ordered touch of each row: its version and updated_at move.
              UPDATE tasks SET updated_at = updated_at WHERE id IN (SELECT task_id FROM task_assignees WHERE unit_id = NEW.id);
              UPDATE obligations SET updated_at = updated_at WHERE unit_id = NEW.id OR transferred_from_unit_id = NEW.id;
              RETURN NEW;
            END $$;
            CREATE TRIGGER units_renamed AFTER UPDATE OF name, code ON units FOR EACH ROW
              WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.code IS DISTINCT FROM NEW.code)
              EXECUTE FUNCTION emulation_unit_renamed();
            """);
        migration.Sql("""
            CREATE OR REPLACE FUNCTION emulation_task_shown_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- An obligation shows its task's number, content, deadline and status: their change is a change of it.
              UPDATE obligations SET updated_at = updated_at WHERE task_id = NEW.id;
              RETURN NEW;
            END $$;
            CREATE TRIGGER tasks_shown_changed AFTER UPDATE OF "group", sequence, content, deadline, status ON tasks FOR EACH ROW
              WHEN ((OLD."group", OLD.sequence, OLD.content, OLD.deadline, OLD.status) IS DISTINCT FROM (NEW."group", NEW.sequence, NEW.content, NEW.deadline, NEW.status))
              EXECUTE FUNCTION emulation_task_shown_changed();
            """);
    }
}

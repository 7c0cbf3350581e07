using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// The scorecard's tally (issue 15): <c>obligation_counts</c> holds, per year and unit, how many active obligations share
/// everything the scorecard's answer and filters depend on — role, status, the month of the task's deadline, exempted,
/// arisen late, done late, and for open ones (not started, in progress) the unit's own deadline, the only input of the
/// timeliness that moves with the reference date. Statement-level triggers with transition tables keep it in the writer's
/// transaction, whoever writes: the derivation functions, the import worker's batches, reports and editors' actions
/// (obligations inserted, updated, deleted), an amendment's new deadline (tasks updated), a task deleted with its
/// obligations. Each statement adds its net change per key in one ordered upsert (so two writers lock the rows in the
/// same order and none loses a count); a key that falls to 0 keeps its row at 0, and readers skip it.
/// </summary>
public static class ObligationCountSql
{
    public const string Table = "obligation_counts";

    private const string KeyColumns = "year, unit_id, role, status, deadline_month, exempted, arose_late, done_late, deadline";

    public static void CreateObligationCounts(this MigrationBuilder migration)
    {
        migration.Sql(TableSql);
        migration.Sql(ObligationTriggersSql);
        migration.Sql(TaskTriggersSql);
        migration.Sql(FillSql);
    }

    private static string TableSql => $"""
            CREATE TABLE {Table} (
              year integer NOT NULL,
              unit_id uuid NOT NULL,
              role varchar(16) NOT NULL,
              status varchar(16) NOT NULL,
              deadline_month smallint,
              exempted boolean NOT NULL,
              arose_late boolean NOT NULL,
              done_late boolean NOT NULL,
              deadline date,
              count integer NOT NULL
            );
            CREATE UNIQUE INDEX ux_{Table}_key ON {Table} ({KeyColumns}) NULLS NOT DISTINCT;
        """;

    private static string ObligationTriggersSql => $"""
            {InsertedAndUpdatedSql}
            CREATE OR REPLACE FUNCTION emulation_count_obligations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- A task's own deletion has taken its obligations off already (emulation_uncount_task_obligations): their
              -- task is gone, so the join to tasks skips them.
              {Upsert("SELECT o.*, -1 AS sign FROM old_rows o WHERE o.state = 'Active'")}
              RETURN NULL;
            END $$;
            CREATE TRIGGER obligations_counted_inserted AFTER INSERT ON obligations REFERENCING NEW TABLE AS new_rows
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_count_obligations_inserted();
            CREATE TRIGGER obligations_counted_updated AFTER UPDATE ON obligations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_count_obligations_updated();
            CREATE TRIGGER obligations_counted_deleted AFTER DELETE ON obligations REFERENCING OLD TABLE AS old_rows
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_count_obligations_deleted();
        """;

    /// <summary>The insert and update triggers' functions again (issue 15): an update nets its old and new rows on the
    /// obligation's own columns before it reads their tasks, so a statement that moves no count (the feed's cascades
    /// rewrite only updated_at, 1,000 rows a task) ends after one aggregate, without 2,000 lookups of tasks and plans.</summary>
    public static void ReplaceCountingFunctions(this MigrationBuilder migration)
    {
        migration.Sql(InsertedAndUpdatedSql);
        migration.Sql(RebuildSql);
    }

    private static string InsertedAndUpdatedSql => $"""
            CREATE OR REPLACE FUNCTION emulation_count_obligations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              {Upsert("SELECT o.*, 1 AS sign FROM new_rows o WHERE o.state = 'Active'")}
              RETURN NULL;
            END $$;
            CREATE OR REPLACE FUNCTION emulation_count_obligations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- Every old row off, every new row on, summed per obligation and key column first: what did not move nets to
              -- 0 and is neither joined nor written. (Pairing old and new rows by id would need a join of two transition
              -- tables, which PostgreSQL plans without statistics: 27,000 pairs by nested loop took minutes.)
              {Upsert($"""
                  SELECT {OwnColumns}, sum(s.sign) AS sign
                    FROM (SELECT {OwnColumns}, -1 AS sign FROM old_rows s WHERE s.state = 'Active'
                          UNION ALL
                          SELECT {OwnColumns}, 1 FROM new_rows s WHERE s.state = 'Active') s
                   GROUP BY {OwnColumns} HAVING sum(s.sign) <> 0
                  """)}
              RETURN NULL;
            END $$;
        """;

    // The obligation's columns its key is made of (the rest comes from its task and plan).
    private const string OwnColumns = "s.task_id, s.unit_id, s.role, s.status, s.exempted, s.arose_late, s.completed_on, s.extended_deadline";

    /// <summary><c>emulation_rebuild_obligation_counts()</c>: the tally emptied and filled again from
    /// <see cref="RebuiltSql"/>, for a bulk load that writes obligations with the counting triggers disabled
    /// (bench/data/generate.sql) — one statement instead of one trigger run per statement of the load.</summary>
    private static string RebuildSql => $"""
            CREATE OR REPLACE FUNCTION emulation_rebuild_obligation_counts() RETURNS void LANGUAGE sql AS $$
              DELETE FROM {Table};
              INSERT INTO {Table} ({KeyColumns}, count)
              {RebuiltSql};
            $$;
        """;

    private static string TaskTriggersSql => $"""
            CREATE OR REPLACE FUNCTION emulation_count_task_moved() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- A new deadline (an amendment) or plan moves every active obligation of the task to another key: off the
              -- old task's key, onto the new one's.
              INSERT INTO {Table} AS c ({KeyColumns}, count)
              SELECT {Key("o", "t")}, sum(t.sign)
                FROM (SELECT t.*, -1 AS sign FROM old_tasks t JOIN new_tasks n ON n.id = t.id
                       WHERE (t.plan_id, t.deadline) IS DISTINCT FROM (n.plan_id, n.deadline)
                      UNION ALL
                      SELECT t.*, 1 FROM new_tasks t JOIN old_tasks ot ON ot.id = t.id
                       WHERE (ot.plan_id, ot.deadline) IS DISTINCT FROM (t.plan_id, t.deadline)) t
                JOIN plans p ON p.id = t.plan_id
                JOIN obligations o ON o.task_id = t.id AND o.state = 'Active'
               GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(t.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
              ON CONFLICT ({KeyColumns}) DO UPDATE SET count = c.count + excluded.count;
              RETURN NULL;
            END $$;
            CREATE OR REPLACE FUNCTION emulation_uncount_task_obligations() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- Before the cascade deletes them, while their task still gives their key.
              INSERT INTO {Table} AS c ({KeyColumns}, count)
              SELECT {Key("o", "t")}, -count(*)
                FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
               WHERE o.task_id = OLD.id AND o.state = 'Active'
               GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
              ON CONFLICT ({KeyColumns}) DO UPDATE SET count = c.count + excluded.count;
              RETURN OLD;
            END $$;
            CREATE TRIGGER tasks_counted_moved AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
              FOR EACH STATEMENT EXECUTE FUNCTION emulation_count_task_moved();
            CREATE TRIGGER tasks_counted_deleted BEFORE DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION emulation_uncount_task_obligations();
        """;

    private static string FillSql => $"""
        INSERT INTO {Table} ({KeyColumns}, count)
        {RebuiltSql};
        """;

    /// <summary>The tally built from scratch, its columns in table order: what the maintained one must equal (rows at 0
    /// aside). The migration fills the table with it.</summary>
    public static string RebuiltSql => $"""
        SELECT {Key("o", "t")}, count(*)::integer
          FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
         WHERE o.state = 'Active'
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        """;

    public static void DropObligationCounts(this MigrationBuilder migration) => migration.Sql($"""
        DROP TRIGGER IF EXISTS tasks_counted_deleted ON tasks;
        DROP TRIGGER IF EXISTS tasks_counted_moved ON tasks;
        DROP TRIGGER IF EXISTS obligations_counted_deleted ON obligations;
        DROP TRIGGER IF EXISTS obligations_counted_updated ON obligations;
        DROP TRIGGER IF EXISTS obligations_counted_inserted ON obligations;
        DROP FUNCTION IF EXISTS emulation_uncount_task_obligations();
        DROP FUNCTION IF EXISTS emulation_count_task_moved();
        DROP FUNCTION IF EXISTS emulation_count_obligations_deleted();
        DROP FUNCTION IF EXISTS emulation_count_obligations_updated();
        DROP FUNCTION IF EXISTS emulation_count_obligations_inserted();
        DROP TABLE IF EXISTS {Table};
        """);

    // The net change of one statement's rows (each with a sign), summed per key and upserted in key order.
    private static string Upsert(string signedRows) => $"""
        INSERT INTO {Table} AS c ({KeyColumns}, count)
              SELECT {Key("o", "t")}, sum(o.sign)
                FROM ({signedRows}) o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
               GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(o.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
              ON CONFLICT ({KeyColumns}) DO UPDATE SET count = c.count + excluded.count;
        """;

    // The key of obligation o of task t (plan p): the year; the unit, role, status; the month the quarter and month filters
    // read (the task's deadline); the flags; done late, the one part of the timeliness rule (TimelinessRule) fixed once
    // done; the unit's own deadline, kept only while the obligation is open — the bands it falls in move with asOf.
    private static string Key(string o, string t) =>
        $"p.year, {o}.unit_id, {o}.role, {o}.status, extract(month FROM {t}.deadline)::smallint, {o}.exempted, {o}.arose_late, "
        + $"{DoneLate(o, t)}, {OpenDeadline(o, t)}";

    private static string DoneLate(string o, string t) =>
        $"coalesce({o}.status = 'Done' AND {o}.completed_on > coalesce({o}.extended_deadline, {t}.deadline), false)";

    private static string OpenDeadline(string o, string t) =>
        $"CASE WHEN {o}.status IN ('NotStarted', 'InProgress') THEN coalesce({o}.extended_deadline, {t}.deadline) END";
}

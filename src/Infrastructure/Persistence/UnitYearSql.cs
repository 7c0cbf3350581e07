using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// The plan's year carried on <c>task_assignees</c> and <c>obligations</c> (<c>plan_year</c>), with <c>(unit_id,
/// plan_year, role)</c> indexes, so that "this unit's tasks of this year" — the feed's <c>leadUnitCode</c>/<c>unitCode</c>
/// filters with <c>year</c> — is one index range, whatever the number of years the tables hold. Without it the unit's
/// rows of every year (102,008 for Sở Nội vụ at 1M tasks) were read and tested against the year's tasks.
/// </summary>
/// <remarks>
/// The column is not in the EF model: no entity reads it, only the filter's SQL (TaskFiltering). It is kept right by the
/// database for every writer: a row inserted without it (EF, the plan import) takes its task's plan's year (the
/// derivation SQL writes it itself, saving the lookup); a plan's year changing (a draft revised) or a task moving to
/// another plan rewrites its rows. Bulk loads that switch triggers off (bench/data) must write it.
/// </remarks>
public static class UnitYearSql
{
    public static void CreateUnitYearColumns(this MigrationBuilder migration)
    {
        migration.Sql("""
            ALTER TABLE task_assignees ADD COLUMN plan_year integer;
            ALTER TABLE obligations ADD COLUMN plan_year integer;
            UPDATE task_assignees a SET plan_year = p.year FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = a.task_id;
            UPDATE obligations o SET plan_year = p.year FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = o.task_id;
            ALTER TABLE task_assignees ALTER COLUMN plan_year SET NOT NULL;
            ALTER TABLE obligations ALTER COLUMN plan_year SET NOT NULL;
            """);
        migration.Sql("""
            CREATE OR REPLACE FUNCTION emulation_fill_plan_year() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              SELECT p.year INTO NEW.plan_year FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = NEW.task_id;
              RETURN NEW;
            END $$;
            CREATE TRIGGER task_assignees_plan_year BEFORE INSERT ON task_assignees FOR EACH ROW
              WHEN (NEW.plan_year IS NULL) EXECUTE FUNCTION emulation_fill_plan_year();
            CREATE TRIGGER obligations_plan_year BEFORE INSERT ON obligations FOR EACH ROW
              WHEN (NEW.plan_year IS NULL) EXECUTE FUNCTION emulation_fill_plan_year();

            CREATE OR REPLACE FUNCTION emulation_plan_year_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE task_assignees a SET plan_year = NEW.year FROM tasks t WHERE t.plan_id = NEW.id AND a.task_id = t.id;
              UPDATE obligations o SET plan_year = NEW.year FROM tasks t WHERE t.plan_id = NEW.id AND o.task_id = t.id;
              RETURN NEW;
            END $$;
            CREATE TRIGGER plans_year_changed AFTER UPDATE OF year ON plans FOR EACH ROW
              WHEN (OLD.year IS DISTINCT FROM NEW.year) EXECUTE FUNCTION emulation_plan_year_changed();

            CREATE OR REPLACE FUNCTION emulation_task_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE y integer := (SELECT year FROM plans WHERE id = NEW.plan_id);
            BEGIN
              UPDATE task_assignees SET plan_year = y WHERE task_id = NEW.id AND plan_year IS DISTINCT FROM y;
              UPDATE obligations SET plan_year = y WHERE task_id = NEW.id AND plan_year IS DISTINCT FROM y;
              RETURN NEW;
            END $$;
            CREATE TRIGGER tasks_plan_changed AFTER UPDATE OF plan_id ON tasks FOR EACH ROW
              WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id) EXECUTE FUNCTION emulation_task_plan_changed();
            """);
        // The unit's rows of a year, in a role; the task id included so the filter reads the index only. Obligations:
        // the active ones only, the only ones the filter reads.
        migration.Sql("""
            CREATE INDEX ix_task_assignees_unit_id_plan_year_role ON task_assignees (unit_id, plan_year, role) INCLUDE (task_id);
            CREATE INDEX ix_obligations_active_unit_id_plan_year_role ON obligations (unit_id, plan_year, role) INCLUDE (task_id)
              WHERE state = 'Active';
            """);
        migration.ReplaceDerivations();
    }

    /// <summary>
    /// The leads of a year: <c>(plan_year) INCLUDE (task_id, unit_id, group, source_text) WHERE role = 'Lead'</c>, what the
    /// summary by lead unit reads (<c>GetTaskSummary</c>). With it the summary hashes the year's ~11,500 lead rows
    /// (100 buffers) against the year's tasks instead of probing <c>ix_task_assignees_task_id</c> once per task counted
    /// (10,000 probes, 52,000 buffers at 100K tasks), and the rows it reads are the year's, whatever the years the table holds.
    /// </summary>
    public static void CreateLeadYearIndex(this MigrationBuilder migration) =>
        migration.Sql("""
            CREATE INDEX ix_task_assignees_lead_plan_year ON task_assignees (plan_year) INCLUDE (task_id, unit_id, "group", source_text)
              WHERE role = 'Lead';
            """);

    public static void DropLeadYearIndex(this MigrationBuilder migration) =>
        migration.Sql("DROP INDEX ix_task_assignees_lead_plan_year;");

    /// <summary>Undoes the columns, triggers and indexes. The derivation functions keep writing plan_year (their text lives
    /// in <see cref="ObligationSql"/>, current version only): after a rollback, apply the migrations again before deriving.</summary>
    public static void DropUnitYearColumns(this MigrationBuilder migration) =>
        migration.Sql("""
            DROP TRIGGER tasks_plan_changed ON tasks;
            DROP TRIGGER plans_year_changed ON plans;
            DROP TRIGGER obligations_plan_year ON obligations;
            DROP TRIGGER task_assignees_plan_year ON task_assignees;
            DROP FUNCTION emulation_task_plan_changed();
            DROP FUNCTION emulation_plan_year_changed();
            DROP FUNCTION emulation_fill_plan_year();
            ALTER TABLE obligations DROP COLUMN plan_year;
            ALTER TABLE task_assignees DROP COLUMN plan_year;
            """);
}

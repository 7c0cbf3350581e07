using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>Database objects EF's model cannot express; migrations create them through these helpers.</summary>
public static class Schema
{
    public const string SearchKeyFunction = "emulation_search_key";
    public const string JoinWordsFunction = "emulation_join_words";
    public const string ViCollation = "vi-x-icu";
    public const string TaskAssigneesFunction = "emulation_task_assignees";

    /// <summary>Extensions and functions every later migration may use.</summary>
    public static void CreateFunctions(this MigrationBuilder migration)
    {
        migration.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
        migration.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        // unaccent() is only STABLE (its dictionary could change), so generated columns and indexes need this IMMUTABLE wrapper.
        migration.Sql($"""
            CREATE OR REPLACE FUNCTION {SearchKeyFunction}(value text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN lower(public.unaccent('public.unaccent'::regdictionary, value));
            """);
        // array_to_string is STABLE in general (element output functions may be); for text[] it is immutable.
        migration.Sql($"""
            CREATE OR REPLACE FUNCTION {JoinWordsFunction}(words text[]) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN coalesce(array_to_string(words, ' '), '');
            """);
        migration.Sql("""
            CREATE OR REPLACE FUNCTION emulation_touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                NEW.created_at := now();
              ELSE
                NEW.created_at := OLD.created_at;
              END IF;
              NEW.updated_at := now();
              RETURN NEW;
            END $$;
            """);
    }

    /// <summary>
    /// Like emulation_touch, but for the tables pollers read with "changed since": every write first takes one
    /// transaction-scoped advisory lock and stamps updated_at with clock_timestamp() while holding it, so updated_at
    /// grows in commit order and a poller that asks for rows changed after the last value it saw never misses one.
    /// </summary>
    public static void CreateOrderedTouch(this MigrationBuilder migration) =>
        migration.Sql($"""
            CREATE OR REPLACE FUNCTION emulation_touch_ordered() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock(hashtext('{FeedLockKey}'));
              IF TG_OP = 'INSERT' THEN
                NEW.created_at := now();
              ELSE
                NEW.created_at := OLD.created_at;
              END IF;
              NEW.updated_at := clock_timestamp();
              RETURN NEW;
            END $$;
            """);

    public const string FeedLockKey = "emulation.feed";

    public static void AddOrderedTouchTrigger(this MigrationBuilder migration, string table) =>
        migration.Sql($"CREATE TRIGGER {table}_touch BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION emulation_touch_ordered();");

    /// <summary>A CHECK that a string column holds one of an enum's names.</summary>
    public static string EnumCheck<T>(string column) where T : struct, Enum =>
        $"\"{column}\" IN ({string.Join(", ", Enum.GetNames<T>().Select(n => $"'{n}'"))})";

    /// <summary>created_at / updated_at maintained by the database for every write, EF's or bulk SQL's.</summary>
    public static void AddTouchTrigger(this MigrationBuilder migration, string table) =>
        migration.Sql($"CREATE TRIGGER {table}_touch BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION emulation_touch();");

    /// <summary>
    /// <see cref="Application.Common.Persistence.Sql.TaskAssignees"/>: a task's assignees in the plan's order as one JSON
    /// array (equal positions in insertion order, as the collection it replaced read them), its keys the names of the
    /// row the Application reads it into (camelCase, enums by name). STABLE, so a statement reads each task's assignees
    /// as of its own snapshot.
    /// </summary>
    public static void CreateTaskAssigneesFunction(this MigrationBuilder migration) =>
        migration.Sql($"""
            CREATE OR REPLACE FUNCTION {TaskAssigneesFunction}(task uuid) RETURNS text
            LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
              SELECT coalesce(json_agg(json_build_object('role', a.role, 'unitId', a.unit_id, 'unitCode', u.code, 'unitName', u.name,
                                                         'group', a."group", 'text', a.source_text) ORDER BY a.position, a.id), '[]')::text
                FROM task_assignees a
                LEFT JOIN units u ON u.id = a.unit_id
               WHERE a.task_id = task
            $$;
            """);
}

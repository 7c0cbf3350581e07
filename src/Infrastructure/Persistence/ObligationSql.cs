using Microsoft.EntityFrameworkCore.Migrations;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// The obligation rules, in PostgreSQL, where they run set-based over thousands of units and tasks:
/// <list type="bullet">
/// <item><c>emulation_desired_obligations(tasks)</c>: who must act on each task of an issued plan — the units named
/// directly and every group expanded (the table in the README, "Obligations"); a unit holds at most one obligation per
/// task, the lead role winning over the coordinator role and a direct naming over a group.</item>
/// <item><c>emulation_derive_obligations(tasks, arose_on, today)</c>: brings the stored obligations of those tasks in line
/// with the desired ones — a cluster's obligation follows its new leader, new ones arise (late when after the deadline),
/// withdrawn ones come back, those no longer desired are withdrawn (never deleted) — records each step in
/// obligation_events, and refreshes the tasks' derived status.</item>
/// <item><c>emulation_refresh_task_status(tasks)</c>: the task's status from its lead obligations (the rule in the README,
/// "The task's status").</item>
/// </list>
/// </summary>
public static class ObligationSql
{
    public const string DeriveFunction = "emulation_derive_obligations";
    public const string RefreshFunction = "emulation_refresh_task_status";
    public const string DeriveUnitsFunction = "emulation_derive_unit_obligations";
    public const string DesiredUnitsFunction = "emulation_desired_unit_obligations";

    /// <summary>Units whose obligations are still to be derived (queued by the bulk import, drained in batches by
    /// <see cref="ObligationDerivations"/>): one row per unit, with the day its obligations arise.</summary>
    public const string PendingTable = "obligation_derivations_pending";

    /// <summary>The unit kinds a plan is addressed to ("Các địa phương, đơn vị"): not the People's Committee that issues
    /// it (Other), the council or the party bodies.</summary>
    public const string AddresseeKinds = "'Department', 'Commune', 'Ward', 'MassOrganization', 'Enterprise', 'CentralAgency', 'Press'";

    public static void CreateObligationFunctions(this MigrationBuilder migration)
    {
        migration.Sql(NewIdSql); // the derivations call it: it exists before them, whichever migration creates them
        migration.Sql(CurrentUnitSql);
        migration.Sql(DesiredSql);
        migration.Sql(RefreshSql);
        migration.Sql(DeriveSql);
    }

    /// <summary>The unit-scoped derivation and the queue it drains (issue 15): a unit registered or given another kind
    /// changes only its own obligations, so they are reconciled for just those units instead of every group task.</summary>
    public static void CreateUnitDerivation(this MigrationBuilder migration)
    {
        migration.Sql($"""
            CREATE TABLE {PendingTable} (
              unit_id uuid PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
              arose_on date NOT NULL,
              queued_at timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            CREATE INDEX ix_{PendingTable}_queued_at ON {PendingTable} (queued_at, unit_id);
            """);
        migration.Sql(DesiredUnitsSql);
        migration.Sql(DeriveUnitsSql);
    }

    /// <summary>The two derivations again, as they now write <c>plan_year</c> (<see cref="UnitYearSql"/>) themselves
    /// rather than leave it to the per-row trigger (~30 µs a row: 8 s over a year's 270,000 obligations).</summary>
    public static void ReplaceDerivations(this MigrationBuilder migration)
    {
        migration.Sql(DeriveSql);
        migration.Sql(DeriveUnitsSql);
    }

    /// <summary>The derivations and the import worker again (issue 15): new obligations get time-ordered ids
    /// (<see cref="NewIdFunction"/>, as EF gives its rows, <c>Guid.CreateVersion7</c>) and are inserted in (task, unit)
    /// order, so a million new rows append to the primary key and fill the task's index pages together instead of
    /// touching a random page each; the counting and feed cascades run once per statement.</summary>
    public static void SpeedUpBulkDerivation(this MigrationBuilder migration)
    {
        migration.Sql(NewIdSql);
        migration.Sql(DeriveSql);
        migration.Sql(DeriveUnitsSql);
    }

    /// <summary>The unit-scoped derivation again (issue 15): the obligations the units hold already are found by one probe
    /// per desired obligation instead of a walk of every obligation's index entry (see its <c>changing</c> step).</summary>
    public static void ProbeHeldObligations(this MigrationBuilder migration) => migration.Sql(DeriveUnitsSql);

    /// <summary>A version 7 UUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, then the version and
    /// variant bits around random ones. PostgreSQL 15 has none of its own.</summary>
    public const string NewIdFunction = "emulation_new_id";

    private const string NewIdSql = $"""
            CREATE OR REPLACE FUNCTION {NewIdFunction}() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
              SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                       PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                     52, 1), 53, 1), 'hex')::uuid
            $$;
            """;

    // A unit named in a plan acts itself while active; once merged (sáp nhập), its successor acts for it.
    private const string CurrentUnitSql = """
            CREATE OR REPLACE FUNCTION emulation_current_unit(p_unit uuid) RETURNS uuid
            LANGUAGE sql STABLE AS $$
              WITH RECURSIVE chain (id, successor_id, is_active, depth) AS (
                SELECT id, successor_id, is_active, 0 FROM units WHERE id = p_unit
                UNION ALL
                SELECT u.id, u.successor_id, u.is_active, c.depth + 1
                  FROM chain c JOIN units u ON u.id = c.successor_id
                 WHERE NOT c.is_active AND c.depth < 20
              )
              SELECT id FROM chain WHERE is_active ORDER BY depth LIMIT 1
            $$;
            """;

    private const string DesiredSql = $"""
            CREATE OR REPLACE FUNCTION emulation_desired_obligations(p_task_ids uuid[])
            RETURNS TABLE (task_id uuid, unit_id uuid, role varchar, source_group varchar, cluster_id uuid)
            LANGUAGE sql STABLE AS $$
              WITH scope AS (
                SELECT t.id, p.year FROM tasks t JOIN plans p ON p.id = t.plan_id
                WHERE t.id = ANY (p_task_ids) AND p.status = 'Issued' AND t.cancelled_by IS NULL
              ), candidate AS (
                SELECT a.task_id, emulation_current_unit(a.unit_id) AS unit_id, a.role, NULL::varchar AS source_group, NULL::uuid AS cluster_id
                  FROM scope s JOIN task_assignees a ON a.task_id = s.id
                 WHERE emulation_current_unit(a.unit_id) IS NOT NULL
                UNION ALL
                SELECT a.task_id, u.id, a.role, a."group", NULL
                  FROM scope s JOIN task_assignees a ON a.task_id = s.id AND a."group" = 'AllCommunesAndWards'
                  JOIN units u ON u.is_active AND u.kind IN ('Commune', 'Ward')
                UNION ALL
                SELECT a.task_id, u.id, a.role, a."group", NULL
                  FROM scope s JOIN task_assignees a ON a.task_id = s.id AND a."group" = 'AllLocalitiesAndUnits'
                  JOIN units u ON u.is_active AND u.kind IN ({AddresseeKinds})
                UNION ALL
                SELECT a.task_id, m.unit_id, a.role, a."group", m.cluster_id
                  FROM scope s JOIN task_assignees a ON a.task_id = s.id AND a."group" IN ('ClusterAndBlocLeaders', 'AllClustersAndBlocs')
                  JOIN cluster_members m ON m.year = s.year AND m.scope = 'Provincial' AND m.role = 'Leader'
                  JOIN units u ON u.id = m.unit_id AND u.is_active
              )
              SELECT DISTINCT ON (c.task_id, c.unit_id) c.task_id, c.unit_id, c.role, c.source_group, c.cluster_id
              FROM candidate c
              ORDER BY c.task_id, c.unit_id, (c.role = 'Lead') DESC, (c.source_group IS NULL) DESC, c.cluster_id
            $$;
            """;

    private const string RefreshSql = $"""
            CREATE OR REPLACE FUNCTION {RefreshFunction}(p_task_ids uuid[], p_touch uuid[]) RETURNS void
            LANGUAGE sql AS $$
              UPDATE tasks t
                 SET status = x.status, completed_on = x.completed_on, last_reported_on = x.last_reported_on, report_count = x.report_count
                FROM (
                  SELECT t2.id,
                         CASE
                           WHEN t2.cancelled_by IS NOT NULL THEN 'Cancelled'
                           WHEN count(o.id) = 0 THEN 'Unassigned'
                           WHEN bool_and(o.status = 'Done') THEN 'Done'
                           WHEN bool_and(o.status = 'NotCarriedOut') THEN 'NotCarriedOut'
                           WHEN bool_and(o.status IN ('Done', 'NotCarriedOut')) THEN 'Done'
                           WHEN bool_or(o.status IN ('InProgress', 'Done')) THEN 'InProgress'
                           ELSE 'NotStarted'
                         END AS status,
                         CASE WHEN t2.cancelled_by IS NULL AND count(o.id) > 0 AND bool_and(o.status IN ('Done', 'NotCarriedOut'))
                              THEN max(o.completed_on) END AS completed_on,
                         (SELECT max(r.reported_on) FROM progress_reports r WHERE r.task_id = t2.id) AS last_reported_on,
                         (SELECT count(*)::int FROM progress_reports r WHERE r.task_id = t2.id) AS report_count
                    FROM tasks t2
                    JOIN plans p ON p.id = t2.plan_id AND p.status <> 'Draft'
                    LEFT JOIN obligations o ON o.task_id = t2.id AND o.role = 'Lead' AND o.state = 'Active' AND NOT o.exempted
                   WHERE t2.id = ANY (p_task_ids)
                   GROUP BY t2.id
                ) x
               WHERE t.id = x.id
                 AND (t.id = ANY (p_touch)  -- its obligations changed: the task's answer (their counts) changed too
                      OR (t.status, t.completed_on, t.last_reported_on, t.report_count)
                         IS DISTINCT FROM (x.status, x.completed_on, x.last_reported_on, x.report_count));
            $$;
            """;

    private const string DeriveSql = $"""
            CREATE OR REPLACE FUNCTION {DeriveFunction}(p_task_ids uuid[], p_arose_on date, p_today date) RETURNS void
            LANGUAGE plpgsql AS $$
            BEGIN
              DROP TABLE IF EXISTS pg_temp.obligation_scope, pg_temp.obligation_desired, pg_temp.obligation_touched;
              CREATE TEMP TABLE obligation_touched (task_id uuid) ON COMMIT DROP;
              -- Only the tasks of issued plans are reconciled: a draft has no obligations yet, a closed plan's are kept as they are.
              CREATE TEMP TABLE obligation_scope ON COMMIT DROP AS
                SELECT t.id AS task_id, t.deadline, p.year AS plan_year FROM tasks t JOIN plans p ON p.id = t.plan_id
                 WHERE t.id = ANY (p_task_ids) AND p.status = 'Issued';
              CREATE TEMP TABLE obligation_desired ON COMMIT DROP AS
                SELECT * FROM emulation_desired_obligations(ARRAY(SELECT task_id FROM obligation_scope));

              -- A cluster's share follows its leader: the new leader takes over the old leader's obligation, history and all.
              WITH moving AS (
                SELECT o.id, o.unit_id AS old_unit, d.unit_id AS new_unit, d.role, d.source_group
                  FROM obligations o JOIN obligation_desired d ON d.task_id = o.task_id AND d.cluster_id = o.cluster_id
                 WHERE o.state = 'Active' AND o.unit_id <> d.unit_id
                   AND NOT EXISTS (SELECT 1 FROM obligations x WHERE x.task_id = d.task_id AND x.unit_id = d.unit_id)
                   AND NOT EXISTS (SELECT 1 FROM obligation_desired k WHERE k.task_id = o.task_id AND k.unit_id = o.unit_id)
              ), moved AS (
                UPDATE obligations o SET unit_id = m.new_unit, transferred_from_unit_id = m.old_unit, role = m.role, source_group = m.source_group
                  FROM moving m WHERE o.id = m.id
                RETURNING o.id, o.task_id
              ), touched AS (
                INSERT INTO obligation_touched SELECT task_id FROM moved
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, detail)
              SELECT m.id, 'Moved', 'system', format('%s → %s', uo.code, un.code)
                FROM moving m JOIN moved USING (id) JOIN units uo ON uo.id = m.old_unit JOIN units un ON un.id = m.new_unit;

              -- A merged unit hands its open obligations to its successor, history and all, where the successor holds none.
              WITH succeeding AS (
                SELECT o.id, o.unit_id AS old_unit, d.unit_id AS new_unit, d.role, d.source_group
                  FROM obligations o
                  JOIN units u ON u.id = o.unit_id AND NOT u.is_active AND u.successor_id IS NOT NULL
                  JOIN obligation_desired d ON d.task_id = o.task_id AND d.unit_id = emulation_current_unit(o.unit_id)
                 WHERE o.state = 'Active' AND o.status IN ('NotStarted', 'InProgress')
                   AND NOT EXISTS (SELECT 1 FROM obligations x WHERE x.task_id = d.task_id AND x.unit_id = d.unit_id)
              ), succeeded AS (
                UPDATE obligations o SET unit_id = m.new_unit, transferred_from_unit_id = m.old_unit, role = m.role, source_group = m.source_group
                  FROM succeeding m WHERE o.id = m.id
                RETURNING o.id, o.task_id
              ), touched AS (
                INSERT INTO obligation_touched SELECT task_id FROM succeeded
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, reason, detail)
              SELECT m.id, 'Moved', 'system', 'The unit was merged into its successor.', format('%s → %s', uo.code, un.code)
                FROM succeeding m JOIN succeeded USING (id) JOIN units uo ON uo.id = m.old_unit JOIN units un ON un.id = m.new_unit;

              -- Those held already: role and source follow the plan; a withdrawn one comes back with its history.
              WITH changing AS (
                SELECT o.id, o.state AS old_state, o.role AS old_role, d.role, d.source_group, d.cluster_id
                  FROM obligations o JOIN obligation_desired d ON d.task_id = o.task_id AND d.unit_id = o.unit_id
                 WHERE (o.role, o.source_group, o.cluster_id, o.state) IS DISTINCT FROM (d.role, d.source_group, d.cluster_id, 'Active')
              ), changed AS (
                UPDATE obligations o SET role = c.role, source_group = c.source_group, cluster_id = c.cluster_id, state = 'Active', withdrawn_on = NULL
                  FROM changing c WHERE o.id = c.id
                RETURNING o.id, o.task_id
              ), touched AS (
                INSERT INTO obligation_touched SELECT task_id FROM changed
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, detail)
              SELECT c.id, CASE WHEN c.old_state = 'Withdrawn' THEN 'Restored' ELSE 'RoleChanged' END, 'system',
                     CASE WHEN c.old_role <> c.role THEN format('%s → %s', c.old_role, c.role) END
                FROM changing c JOIN changed USING (id)
               WHERE c.old_state = 'Withdrawn' OR c.old_role <> c.role;

              -- New obligations: they arise on p_arose_on (the plan's issue date, or the day of the change); after the
              -- task's deadline they are counted apart.
              WITH added AS (
              INSERT INTO obligations (id, task_id, unit_id, role, source_group, cluster_id, state, status, report_count, review,
                                       arose_on, arose_late, exempted, plan_year)
              SELECT {NewIdFunction}(), d.task_id, d.unit_id, d.role, d.source_group, d.cluster_id, 'Active', 'NotStarted', 0, 'None',
                     p_arose_on, s.deadline IS NOT NULL AND p_arose_on > s.deadline, false, s.plan_year
                FROM obligation_desired d JOIN obligation_scope s ON s.task_id = d.task_id
               WHERE NOT EXISTS (SELECT 1 FROM obligations o WHERE o.task_id = d.task_id AND o.unit_id = d.unit_id)
               ORDER BY d.task_id, d.unit_id
              ON CONFLICT (task_id, unit_id) DO NOTHING
              RETURNING task_id
              )
              INSERT INTO obligation_touched SELECT task_id FROM added;

              -- Those no longer desired are withdrawn, never deleted: their reports stay in the history.
              WITH gone AS (
                UPDATE obligations o SET state = 'Withdrawn', withdrawn_on = p_today
                  FROM obligation_scope s
                 WHERE o.task_id = s.task_id AND o.state = 'Active'
                   AND NOT EXISTS (SELECT 1 FROM obligation_desired d WHERE d.task_id = o.task_id AND d.unit_id = o.unit_id)
                RETURNING o.id, o.unit_id, o.task_id
              ), touched AS (
                INSERT INTO obligation_touched SELECT task_id FROM gone
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, reason)
              SELECT g.id, 'Withdrawn', 'system',
                     CASE WHEN t.cancelled_by IS NOT NULL THEN 'The task was cancelled by an amendment of the plan.'
                          WHEN u.successor_id IS NOT NULL THEN 'The unit was merged into another unit.'
                          WHEN NOT u.is_active THEN 'The unit was deactivated.'
                          ELSE 'The task no longer reaches the unit (its assignees, the unit''s kind or the year''s clusters changed).' END
                FROM gone g JOIN units u ON u.id = g.unit_id JOIN tasks t ON t.id = g.task_id;

              PERFORM {RefreshFunction}(ARRAY(SELECT task_id FROM obligation_scope), ARRAY(SELECT DISTINCT task_id FROM obligation_touched));
            END $$;
            """;

    // The desired obligations of just these units (on just these tasks, when given): the candidates of
    // emulation_desired_obligations whose unit is one of them, from the issued plans' assignees joined to these units
    // (each group to the kinds it reaches by one equality join), so the cost grows with their obligations, not the registry.
    private const string DesiredUnitsSql = $"""
            CREATE OR REPLACE FUNCTION {DesiredUnitsFunction}(p_unit_ids uuid[], p_task_ids uuid[])
            RETURNS TABLE (task_id uuid, unit_id uuid, role varchar, source_group varchar, cluster_id uuid, deadline date)
            LANGUAGE sql STABLE AS $$
              WITH scoped AS (
                SELECT u.id, u.kind FROM units u WHERE u.id = ANY (p_unit_ids) AND u.is_active
              ), named AS (  -- the names these units answer for: their own, and those of units merged into them
                SELECT id AS named_id, id AS unit_id FROM scoped
                UNION
                SELECT m.id, c.unit_id FROM units m CROSS JOIN LATERAL (SELECT emulation_current_unit(m.id) AS unit_id) c
                 WHERE NOT m.is_active AND m.successor_id IS NOT NULL AND c.unit_id = ANY (p_unit_ids)
              ), reach (grp, kind) AS (
                SELECT 'AllCommunesAndWards', k FROM unnest(ARRAY['Commune', 'Ward']) k
                UNION ALL
                SELECT 'AllLocalitiesAndUnits', k FROM unnest(ARRAY[{AddresseeKinds}]) k
              ), assignee AS MATERIALIZED (
                SELECT a.task_id, a.unit_id, a.role, a."group", p.year, t.deadline
                  FROM task_assignees a JOIN tasks t ON t.id = a.task_id AND t.cancelled_by IS NULL
                  JOIN plans p ON p.id = t.plan_id AND p.status = 'Issued'
                 WHERE p_task_ids IS NULL OR a.task_id = ANY (p_task_ids)
              ), candidate AS (
                SELECT a.task_id, n.unit_id, a.role, NULL::varchar AS source_group, NULL::uuid AS cluster_id, a.deadline
                  FROM assignee a JOIN named n ON n.named_id = a.unit_id
                UNION ALL
                SELECT a.task_id, s.id, a.role, a."group", NULL, a.deadline
                  FROM assignee a JOIN reach r ON r.grp = a."group" JOIN scoped s ON s.kind = r.kind
                UNION ALL
                SELECT a.task_id, m.unit_id, a.role, a."group", m.cluster_id, a.deadline
                  FROM assignee a JOIN cluster_members m ON m.year = a.year AND m.scope = 'Provincial' AND m.role = 'Leader'
                  JOIN scoped s ON s.id = m.unit_id
                 WHERE a."group" IN ('ClusterAndBlocLeaders', 'AllClustersAndBlocs')
              )
              SELECT DISTINCT ON (c.task_id, c.unit_id) c.task_id, c.unit_id, c.role, c.source_group, c.cluster_id, c.deadline
                FROM candidate c
               ORDER BY c.task_id, c.unit_id, (c.role = 'Lead') DESC, (c.source_group IS NULL) DESC, c.cluster_id
            $$;
            """;

    // The same reconciliation as emulation_derive_obligations (minus a cluster leader's and a merged unit's hand-over,
    // which units registered, re-kinded, deactivated or reactivated never cause), for just these units, and — when
    // p_task_ids is given — just these tasks, so a large import is derived in short transactions task by task. Existing
    // obligations are reconciled before new ones are inserted, so for new units those steps find nothing by index.
    private const string DeriveUnitsSql = $"""
            CREATE OR REPLACE FUNCTION {DeriveUnitsFunction}(p_unit_ids uuid[], p_task_ids uuid[], p_arose_on date, p_today date) RETURNS void
            LANGUAGE plpgsql AS $$
            BEGIN
              DROP TABLE IF EXISTS pg_temp.unit_obligation_desired, pg_temp.unit_obligation_touched;
              CREATE TEMP TABLE unit_obligation_touched (task_id uuid) ON COMMIT DROP;
              CREATE TEMP TABLE unit_obligation_desired ON COMMIT DROP AS
                SELECT * FROM {DesiredUnitsFunction}(p_unit_ids, p_task_ids);
              ANALYZE unit_obligation_desired;

              -- Those held already: role and source follow the plan; a withdrawn one comes back with its history.
              WITH changing AS (
                SELECT o.id, o.state AS old_state, o.role AS old_role, d.role, d.source_group, d.cluster_id
                  FROM unit_obligation_desired d
                  -- One probe of the unique (task, unit) index per desired obligation: the LIMIT keeps the subquery a
                  -- probe. Joined, it was planned as a merge join walking the whole index — every obligation, 144 ms a
                  -- chunk of 1,100 at 270,000 obligations, 1.7 s at 375,000 before the units' filter was added (which
                  -- the merge join only applied as a filter).
                  CROSS JOIN LATERAL (SELECT o.id, o.state, o.role, o.source_group, o.cluster_id FROM obligations o
                                       WHERE o.task_id = d.task_id AND o.unit_id = d.unit_id LIMIT 1) o
                 WHERE (o.role, o.source_group, o.cluster_id, o.state) IS DISTINCT FROM (d.role, d.source_group, d.cluster_id, 'Active')
              ), changed AS (
                UPDATE obligations o SET role = c.role, source_group = c.source_group, cluster_id = c.cluster_id, state = 'Active', withdrawn_on = NULL
                  FROM changing c WHERE o.id = c.id
                RETURNING o.id, o.task_id
              ), touched AS (
                INSERT INTO unit_obligation_touched SELECT task_id FROM changed
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, detail)
              SELECT c.id, CASE WHEN c.old_state = 'Withdrawn' THEN 'Restored' ELSE 'RoleChanged' END, 'system',
                     CASE WHEN c.old_role <> c.role THEN format('%s → %s', c.old_role, c.role) END
                FROM changing c JOIN changed USING (id)
               WHERE c.old_state = 'Withdrawn' OR c.old_role <> c.role;

              -- Those no longer desired are withdrawn, never deleted: their reports stay in the history.
              WITH gone AS (
                UPDATE obligations o SET state = 'Withdrawn', withdrawn_on = p_today
                  FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.status = 'Issued'
                 WHERE o.unit_id = ANY (p_unit_ids) AND o.task_id = t.id AND o.state = 'Active'
                   AND (p_task_ids IS NULL OR o.task_id = ANY (p_task_ids))
                   AND NOT EXISTS (SELECT 1 FROM unit_obligation_desired d WHERE d.task_id = o.task_id AND d.unit_id = o.unit_id)
                RETURNING o.id, o.unit_id, o.task_id
              ), touched AS (
                INSERT INTO unit_obligation_touched SELECT task_id FROM gone
              )
              INSERT INTO obligation_events (obligation_id, kind, actor, reason)
              SELECT g.id, 'Withdrawn', 'system',
                     CASE WHEN t.cancelled_by IS NOT NULL THEN 'The task was cancelled by an amendment of the plan.'
                          WHEN u.successor_id IS NOT NULL THEN 'The unit was merged into another unit.'
                          WHEN NOT u.is_active THEN 'The unit was deactivated.'
                          ELSE 'The task no longer reaches the unit (its assignees, the unit''s kind or the year''s clusters changed).' END
                FROM gone g JOIN units u ON u.id = g.unit_id JOIN tasks t ON t.id = g.task_id;

              -- New obligations, in one INSERT … SELECT: they arise on p_arose_on; after the task's deadline they are counted apart.
              WITH added AS (
                INSERT INTO obligations (id, task_id, unit_id, role, source_group, cluster_id, state, status, report_count, review,
                                         arose_on, arose_late, exempted, plan_year)
                SELECT {NewIdFunction}(), d.task_id, d.unit_id, d.role, d.source_group, d.cluster_id, 'Active', 'NotStarted', 0, 'None',
                       p_arose_on, d.deadline IS NOT NULL AND p_arose_on > d.deadline, false, p.year
                  FROM unit_obligation_desired d JOIN tasks t ON t.id = d.task_id JOIN plans p ON p.id = t.plan_id
                 WHERE NOT EXISTS (SELECT 1 FROM obligations o WHERE o.task_id = d.task_id AND o.unit_id = d.unit_id)
                 ORDER BY d.task_id, d.unit_id
                ON CONFLICT (task_id, unit_id) DO NOTHING
                RETURNING task_id
              )
              INSERT INTO unit_obligation_touched SELECT task_id FROM added;

              PERFORM {RefreshFunction}(touched, touched)
                 FROM (SELECT ARRAY(SELECT DISTINCT task_id FROM unit_obligation_touched) AS touched) x;
            END $$;
            """;
}

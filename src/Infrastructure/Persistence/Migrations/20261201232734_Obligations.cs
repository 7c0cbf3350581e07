using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Obligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tasks_status",
                table: "tasks");

            migrationBuilder.AddColumn<DateOnly>(
                name: "merged_on",
                table: "units",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "successor_id",
                table: "units",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "amended_by",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "tasks",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "cancelled_by",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "obligation_id",
                table: "progress_reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recorded_by",
                table: "progress_reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "obligations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    cluster_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_reported_on = table.Column<DateOnly>(type: "date", nullable: true),
                    report_count = table.Column<int>(type: "integer", nullable: false),
                    review = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    arose_on = table.Column<DateOnly>(type: "date", nullable: false),
                    arose_late = table.Column<bool>(type: "boolean", nullable: false),
                    extended_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    extension_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    exempted = table.Column<bool>(type: "boolean", nullable: false),
                    exemption_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    withdrawn_on = table.Column<DateOnly>(type: "date", nullable: true),
                    transferred_from_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_obligations", x => x.id);
                    table.CheckConstraint("ck_obligations_review", "\"review\" IN ('None', 'Pending', 'Confirmed', 'Rejected')");
                    table.CheckConstraint("ck_obligations_role", "\"role\" IN ('Lead', 'Coordinator')");
                    table.CheckConstraint("ck_obligations_source_group", "\"source_group\" IN ('AllClustersAndBlocs', 'ClusterAndBlocLeaders', 'AllCommunesAndWards', 'AllLocalitiesAndUnits', 'RelatedUnits')");
                    table.CheckConstraint("ck_obligations_state", "\"state\" IN ('Active', 'Withdrawn')");
                    table.CheckConstraint("ck_obligations_status", "\"status\" IN ('NotStarted', 'InProgress', 'Done', 'NotCarriedOut')");
                    table.ForeignKey(
                        name: "fk_obligations_clusters_cluster_id",
                        column: x => x.cluster_id,
                        principalTable: "clusters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_obligations_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_obligations_units_transferred_from_unit_id",
                        column: x => x.transferred_from_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_obligations_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_amendments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_amendments", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_amendments_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "task_tombstones",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_tombstones", x => x.task_id);
                });

            migrationBuilder.CreateTable(
                name: "obligation_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    obligation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "clock_timestamp()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_obligation_events", x => x.id);
                    table.CheckConstraint("ck_obligation_events_kind", "\"kind\" IN ('Moved', 'Withdrawn', 'Restored', 'RoleChanged', 'DeadlineExtended', 'Exempted', 'CompletionConfirmed', 'CompletionRejected')");
                    table.ForeignKey(
                        name: "fk_obligation_events_obligations_obligation_id",
                        column: x => x.obligation_id,
                        principalTable: "obligations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_units_successor_id",
                table: "units",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_amended_by",
                table: "tasks",
                column: "amended_by");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_cancelled_by",
                table: "tasks",
                column: "cancelled_by");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tasks_status",
                table: "tasks",
                sql: "\"status\" IN ('NotStarted', 'InProgress', 'Done', 'NotCarriedOut', 'Unassigned', 'Cancelled')");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_obligation_id_reported_on",
                table: "progress_reports",
                columns: new[] { "obligation_id", "reported_on" });

            migrationBuilder.CreateIndex(
                name: "ix_obligation_events_obligation_id_id",
                table: "obligation_events",
                columns: new[] { "obligation_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_obligations_cluster_id",
                table: "obligations",
                column: "cluster_id");

            migrationBuilder.CreateIndex(
                name: "ix_obligations_task_id_unit_id",
                table: "obligations",
                columns: new[] { "task_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_obligations_transferred_from_unit_id",
                table: "obligations",
                column: "transferred_from_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_obligations_unit_id_task_id",
                table: "obligations",
                columns: new[] { "unit_id", "task_id" });

            migrationBuilder.CreateIndex(
                name: "ix_obligations_updated_at",
                table: "obligations",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_plan_amendments_plan_id_sequence",
                table: "plan_amendments",
                columns: new[] { "plan_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_tombstones_deleted_at",
                table: "task_tombstones",
                column: "deleted_at");

            migrationBuilder.AddForeignKey(
                name: "fk_progress_reports_obligations_obligation_id",
                table: "progress_reports",
                column: "obligation_id",
                principalTable: "obligations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_plan_amendments_amended_by",
                table: "tasks",
                column: "amended_by",
                principalTable: "plan_amendments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_plan_amendments_cancelled_by",
                table: "tasks",
                column: "cancelled_by",
                principalTable: "plan_amendments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_units_units_successor_id",
                table: "units",
                column: "successor_id",
                principalTable: "units",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddOrderedTouchTrigger("obligations");
            migrationBuilder.AddTouchTrigger("plan_amendments");
            migrationBuilder.CreateObligationFunctions();
            migrationBuilder.CreateFeedTriggers();

            // The plans already issued get their obligations as of their issue date; each kept report joins the obligation
            // of the unit that made it, which takes the progress its latest report says; then the tasks' status follows.
            migrationBuilder.Sql("UPDATE progress_reports SET recorded_by = '(before obligations)';");
            migrationBuilder.Sql("""
                SELECT emulation_derive_obligations(ARRAY(SELECT t.id FROM tasks t WHERE t.plan_id = p.id), p.issue_date,
                                                    (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                  FROM plans p WHERE p.status = 'Issued';
                UPDATE progress_reports r SET obligation_id = o.id FROM obligations o WHERE o.task_id = r.task_id AND o.unit_id = r.reporting_unit_id;
                UPDATE obligations o
                   SET status = l.status, last_reported_on = l.reported_on, report_count = l.n,
                       completed_on = CASE WHEN l.status = 'Done' THEN l.done_on END,
                       review = CASE WHEN l.status = 'Done' THEN 'Pending' ELSE 'None' END
                  FROM (SELECT DISTINCT ON (obligation_id) obligation_id, status, reported_on, count(*) OVER w AS n,
                               min(reported_on) FILTER (WHERE status = 'Done') OVER w AS done_on
                          FROM progress_reports WHERE obligation_id IS NOT NULL
                        WINDOW w AS (PARTITION BY obligation_id)
                         ORDER BY obligation_id, reported_on DESC, created_at DESC) l
                 WHERE o.id = l.obligation_id;
                SELECT emulation_refresh_task_status(ARRAY(SELECT t.id FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.status = 'Issued'), '{}');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tasks_tombstone ON tasks;
                DROP TRIGGER IF EXISTS units_renamed ON units;
                DROP TRIGGER IF EXISTS tasks_shown_changed ON tasks;
                DROP FUNCTION IF EXISTS emulation_task_tombstone(), emulation_unit_renamed(), emulation_task_shown_changed(),
                  emulation_derive_obligations(uuid[], date, date), emulation_refresh_task_status(uuid[], uuid[]), emulation_desired_obligations(uuid[]), emulation_current_unit(uuid);
                UPDATE tasks SET status = 'NotStarted' WHERE status IN ('Unassigned', 'Cancelled');
                """);
            migrationBuilder.DropForeignKey(
                name: "fk_progress_reports_obligations_obligation_id",
                table: "progress_reports");

            migrationBuilder.DropForeignKey(
                name: "fk_tasks_plan_amendments_amended_by",
                table: "tasks");

            migrationBuilder.DropForeignKey(
                name: "fk_tasks_plan_amendments_cancelled_by",
                table: "tasks");

            migrationBuilder.DropForeignKey(
                name: "fk_units_units_successor_id",
                table: "units");

            migrationBuilder.DropTable(
                name: "obligation_events");

            migrationBuilder.DropTable(
                name: "plan_amendments");

            migrationBuilder.DropTable(
                name: "task_tombstones");

            migrationBuilder.DropTable(
                name: "obligations");

            migrationBuilder.DropIndex(
                name: "ix_units_successor_id",
                table: "units");

            migrationBuilder.DropIndex(
                name: "ix_tasks_amended_by",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_cancelled_by",
                table: "tasks");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tasks_status",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_obligation_id_reported_on",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "merged_on",
                table: "units");

            migrationBuilder.DropColumn(
                name: "successor_id",
                table: "units");

            migrationBuilder.DropColumn(
                name: "amended_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "obligation_id",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "recorded_by",
                table: "progress_reports");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tasks_status",
                table: "tasks",
                sql: "\"status\" IN ('NotStarted', 'InProgress', 'Done', 'NotCarriedOut')");
        }
    }
}

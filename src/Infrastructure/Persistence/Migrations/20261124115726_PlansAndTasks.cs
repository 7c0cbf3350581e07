using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlansAndTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "vi-x-icu"),
                    issuing_body = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    issue_date = table.Column<DateOnly>(type: "date", nullable: true),
                    signer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    signer_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    legal_bases = table.Column<string[]>(type: "text[]", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: true),
                    requirements = table.Column<string>(type: "text", nullable: true),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    recipients = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                    table.CheckConstraint("ck_plans_status", "\"status\" IN ('Draft', 'Issued', 'Closed')");
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    lead_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    coordinator_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    timing_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_reported_on = table.Column<DateOnly>(type: "date", nullable: true),
                    report_count = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: true, computedColumnSql: "emulation_search_key(content)", stored: true),
                    timing_condition = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    timing_date = table.Column<DateOnly>(type: "date", nullable: true),
                    timing_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    timing_month = table.Column<int>(type: "integer", nullable: true),
                    timing_quarter = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.CheckConstraint("ck_tasks_group", "\"group\" IN ('Q1', 'Q2', 'Q3', 'Q4', 'Recurring')");
                    table.CheckConstraint("ck_tasks_status", "\"status\" IN ('NotStarted', 'InProgress', 'Done', 'NotCarriedOut')");
                    table.ForeignKey(
                        name: "fk_tasks_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reporting_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    evidence_links = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.CheckConstraint("ck_progress_reports_status", "\"status\" IN ('NotStarted', 'InProgress', 'Done', 'NotCarriedOut')");
                    table.ForeignKey(
                        name: "fk_progress_reports_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_progress_reports_units_reporting_unit_id",
                        column: x => x.reporting_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "task_assignees",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    source_text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_assignees", x => x.id);
                    table.CheckConstraint("ck_task_assignees_one_target", "unit_id IS NULL OR \"group\" IS NULL");
                    table.ForeignKey(
                        name: "fk_task_assignees_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_assignees_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plans_status",
                table: "plans",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_plans_year_title",
                table: "plans",
                columns: new[] { "year", "title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_reporting_unit_id",
                table: "progress_reports",
                column: "reporting_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id_reported_on",
                table: "progress_reports",
                columns: new[] { "task_id", "reported_on" });

            migrationBuilder.CreateIndex(
                name: "ix_task_assignees_task_id",
                table: "task_assignees",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_assignees_unit_id_role",
                table: "task_assignees",
                columns: new[] { "unit_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_deadline",
                table: "tasks",
                column: "deadline");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_plan_id_group_sequence",
                table: "tasks",
                columns: new[] { "plan_id", "group", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_status",
                table: "tasks",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_updated_at",
                table: "tasks",
                column: "updated_at");

            migrationBuilder.CreateOrderedTouch();
            migrationBuilder.AddTouchTrigger("plans");
            migrationBuilder.AddOrderedTouchTrigger("tasks");
            migrationBuilder.Sql("CREATE INDEX ix_tasks_search_text ON tasks USING gin (search_text gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "task_assignees");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "plans");
        }
    }
}

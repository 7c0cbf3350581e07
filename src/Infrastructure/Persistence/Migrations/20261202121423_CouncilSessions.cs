using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CouncilSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "council_session_id",
                table: "dossiers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "council_outcome",
                table: "dossier_nominees",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "council_reason",
                table: "dossier_nominees",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "council_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    members = table.Column<string>(type: "jsonb", nullable: false),
                    minutes_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    votes = table.Column<string>(type: "jsonb", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_council_sessions", x => x.id);
                    table.CheckConstraint("ck_council_sessions_kind", "\"kind\" IN ('Regular', 'Extraordinary')");
                    table.CheckConstraint("ck_council_sessions_status", "\"status\" IN ('Open', 'Concluded')");
                });

            migrationBuilder.AddTouchTrigger("council_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_council_session_id",
                table: "dossiers",
                column: "council_session_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dossier_nominees_council_outcome",
                table: "dossier_nominees",
                sql: "\"council_outcome\" IN ('Recommended', 'NotRecommended')");

            migrationBuilder.CreateIndex(
                name: "ix_council_sessions_held_on_created_at",
                table: "council_sessions",
                columns: new[] { "held_on", "created_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_dossiers_council_sessions_council_session_id",
                table: "dossiers",
                column: "council_session_id",
                principalTable: "council_sessions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_dossiers_council_sessions_council_session_id",
                table: "dossiers");

            migrationBuilder.DropTable(
                name: "council_sessions");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_council_session_id",
                table: "dossiers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dossier_nominees_council_outcome",
                table: "dossier_nominees");

            migrationBuilder.DropColumn(
                name: "council_session_id",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "council_outcome",
                table: "dossier_nominees");

            migrationBuilder.DropColumn(
                name: "council_reason",
                table: "dossier_nominees");
        }
    }
}

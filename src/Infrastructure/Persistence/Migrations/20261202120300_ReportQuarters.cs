using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportQuarters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "submitted_on",
                table: "dossiers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "dossier_id",
                table: "award_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_award_records_dossier_id",
                table: "award_records",
                column: "dossier_id");

            migrationBuilder.AddForeignKey(
                name: "fk_award_records_dossiers_dossier_id",
                table: "award_records",
                column: "dossier_id",
                principalTable: "dossiers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Dossiers submitted before the column: the day of their first Submit step (kind 0 in the steps' jsonb).
            migrationBuilder.Sql("""
                UPDATE dossiers d SET submitted_on = s.first
                FROM (SELECT d2.id, min((step->>'date')::date) AS first
                      FROM dossiers d2, jsonb_array_elements(d2.steps) step
                      WHERE step->>'kind' IN ('0', 'Submit') GROUP BY d2.id) s
                WHERE d.id = s.id;
                """);
            // Lines decisions wrote before the link: the one decided dossier that approved that nominee for that award,
            // unit, person and year; a line two dossiers could have written stays without one.
            migrationBuilder.Sql("""
                UPDATE award_records r SET dossier_id = m.dossier_id
                FROM (SELECT r2.id, min(d.id::text)::uuid AS dossier_id, count(DISTINCT d.id) AS candidates
                      FROM award_records r2
                      JOIN dossier_nominees n ON n.award_id = r2.award_id AND n.unit_id = r2.unit_id AND n.outcome = 'Approved'
                           AND n.kind <> 'SmallCollective'
                           AND (CASE WHEN n.kind = 'Individual' THEN n.name END) IS NOT DISTINCT FROM r2.person_name
                      JOIN dossiers d ON d.id = n.dossier_id AND d.status = 'Decided' AND d.year = r2.year
                      WHERE r2.source = 'Decision' GROUP BY r2.id) m
                WHERE r.id = m.id AND m.candidates = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_award_records_dossiers_dossier_id",
                table: "award_records");

            migrationBuilder.DropIndex(
                name: "ix_award_records_dossier_id",
                table: "award_records");

            migrationBuilder.DropColumn(
                name: "submitted_on",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "dossier_id",
                table: "award_records");
        }
    }
}

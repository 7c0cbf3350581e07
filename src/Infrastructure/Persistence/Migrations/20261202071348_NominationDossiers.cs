using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NominationDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    proposing_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    movement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cluster_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    resubmit_by = table.Column<DateOnly>(type: "date", nullable: true),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossiers", x => x.id);
                    table.CheckConstraint("ck_dossiers_source", "movement_id IS NULL OR cluster_id IS NULL");
                    table.CheckConstraint("ck_dossiers_status", "\"status\" IN ('Draft', 'Submitted', 'Received', 'UnderAppraisal', 'Returned', 'Appraised', 'InCouncilReview', 'Forwarded', 'Decided')");
                    table.CheckConstraint("ck_dossiers_type", "\"type\" IN ('Regular', 'Movement', 'AdHoc', 'Dedication', 'Seniority', 'ForeignRelations')");
                    table.ForeignKey(
                        name: "fk_dossiers_clusters_cluster_id",
                        column: x => x.cluster_id,
                        principalTable: "clusters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dossiers_movements_movement_id",
                        column: x => x.movement_id,
                        principalTable: "movements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dossiers_units_proposing_unit_id",
                        column: x => x.proposing_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // created_at / updated_at kept by the database, as on every table.
            migrationBuilder.AddTouchTrigger("dossiers");

            migrationBuilder.CreateTable(
                name: "dossier_nominees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    collective_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    position = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    award_id = table.Column<Guid>(type: "uuid", nullable: false),
                    achievements = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    outcome_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    dossier_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dossier_nominees", x => x.id);
                    table.CheckConstraint("ck_dossier_nominees_kind", "\"kind\" IN ('Unit', 'SmallCollective', 'Individual')");
                    table.CheckConstraint("ck_dossier_nominees_outcome", "\"outcome\" IN ('Approved', 'NotApproved')");
                    table.ForeignKey(
                        name: "fk_dossier_nominees_awards_award_id",
                        column: x => x.award_id,
                        principalTable: "awards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dossier_nominees_dossiers_dossier_id",
                        column: x => x.dossier_id,
                        principalTable: "dossiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dossier_nominees_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_nominees_award_id",
                table: "dossier_nominees",
                column: "award_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossier_nominees_dossier_id",
                table: "dossier_nominees",
                column: "dossier_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossier_nominees_unit_id",
                table: "dossier_nominees",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_cluster_id",
                table: "dossiers",
                column: "cluster_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_movement_id",
                table: "dossiers",
                column: "movement_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_proposing_unit_id_year",
                table: "dossiers",
                columns: new[] { "proposing_unit_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_status_received_on",
                table: "dossiers",
                columns: new[] { "status", "received_on" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_year_created_at",
                table: "dossiers",
                columns: new[] { "year", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_nominees");

            migrationBuilder.DropTable(
                name: "dossiers");
        }
    }
}

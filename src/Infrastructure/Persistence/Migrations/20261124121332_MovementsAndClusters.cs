using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MovementsAndClusters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clusters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sector = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "vi-x-icu"),
                    decision_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_date = table.Column<DateOnly>(type: "date", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clusters", x => x.id);
                    table.CheckConstraint("ck_clusters_kind", "\"kind\" IN ('Cluster', 'Bloc')");
                    table.CheckConstraint("ck_clusters_scope", "\"scope\" IN ('Provincial', 'Sector', 'InterProvincial')");
                });

            migrationBuilder.CreateTable(
                name: "movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "vi-x-icu"),
                    slogan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    form = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    launcher_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    launch_document = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    parent_movement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plan_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    participants = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    name_key = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: true, computedColumnSql: "emulation_search_key(name || ' ' || coalesce(slogan, ''))", stored: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_movements", x => x.id);
                    table.CheckConstraint("ck_movements_form", "\"form\" IN ('Regular', 'Thematic')");
                    table.CheckConstraint("ck_movements_launcher_level", "\"launcher_level\" IN ('Central', 'PrimeMinister', 'Province', 'Sector', 'ClusterOrBloc', 'Unit')");
                    table.CheckConstraint("ck_movements_period", "end_date IS NULL OR end_date >= start_date");
                    table.CheckConstraint("ck_movements_status", "\"status\" IN ('Draft', 'Launched', 'InterimReviewed', 'FinalReviewed', 'Closed')");
                    table.ForeignKey(
                        name: "fk_movements_movements_parent_movement_id",
                        column: x => x.parent_movement_id,
                        principalTable: "movements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cluster_members",
                columns: table => new
                {
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cluster_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cluster_members", x => new { x.cluster_id, x.unit_id });
                    table.CheckConstraint("ck_cluster_members_role", "\"role\" IN ('Leader', 'Deputy', 'Member')");
                    table.ForeignKey(
                        name: "fk_cluster_members_clusters_cluster_id",
                        column: x => x.cluster_id,
                        principalTable: "clusters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_cluster_members_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "covenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cluster_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    signatories = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_covenants", x => x.id);
                    table.CheckConstraint("ck_covenants_status", "\"status\" IN ('Draft', 'Signed', 'Evaluated')");
                    table.ForeignKey(
                        name: "fk_covenants_clusters_cluster_id",
                        column: x => x.cluster_id,
                        principalTable: "clusters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "member_scores",
                columns: table => new
                {
                    covenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_index = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    signed_points = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_scores", x => new { x.covenant_id, x.unit_id, x.criterion_index });
                    table.CheckConstraint("ck_member_scores_kind", "\"kind\" IN ('Standard', 'Bonus', 'Penalty')");
                    table.ForeignKey(
                        name: "fk_member_scores_covenants_covenant_id",
                        column: x => x.covenant_id,
                        principalTable: "covenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_member_scores_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cluster_members_unit_id_year",
                table: "cluster_members",
                columns: new[] { "unit_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_clusters_year_scope_name",
                table: "clusters",
                columns: new[] { "year", "scope", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_covenants_cluster_id",
                table: "covenants",
                column: "cluster_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_member_scores_unit_id",
                table: "member_scores",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_movements_name_key",
                table: "movements",
                column: "name_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_movements_parent_movement_id",
                table: "movements",
                column: "parent_movement_id");

            migrationBuilder.CreateIndex(
                name: "ix_movements_start_date_end_date",
                table: "movements",
                columns: new[] { "start_date", "end_date" });

            migrationBuilder.CreateIndex(
                name: "ix_movements_status",
                table: "movements",
                column: "status");

            migrationBuilder.AddTouchTrigger("movements");
            migrationBuilder.AddTouchTrigger("clusters");
            migrationBuilder.AddTouchTrigger("covenants");
            migrationBuilder.Sql("CREATE INDEX ix_movements_search_text ON movements USING gin (search_text gin_trgm_ops);");
            // Checked at commit (so a swap of roles in one request passes) and under concurrent requests alike.
            migrationBuilder.Sql("""
                ALTER TABLE cluster_members
                  ADD CONSTRAINT ex_cluster_members_one_leader EXCLUDE USING btree (cluster_id WITH =) WHERE (role = 'Leader') DEFERRABLE INITIALLY DEFERRED,
                  ADD CONSTRAINT ex_cluster_members_one_deputy EXCLUDE USING btree (cluster_id WITH =) WHERE (role = 'Deputy') DEFERRABLE INITIALLY DEFERRED,
                  ADD CONSTRAINT ex_cluster_members_one_provincial_cluster EXCLUDE USING btree (unit_id WITH =, year WITH =) WHERE (scope = 'Provincial') DEFERRABLE INITIALLY DEFERRED;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cluster_members");

            migrationBuilder.DropTable(
                name: "member_scores");

            migrationBuilder.DropTable(
                name: "movements");

            migrationBuilder.DropTable(
                name: "covenants");

            migrationBuilder.DropTable(
                name: "clusters");
        }
    }
}

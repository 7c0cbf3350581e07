using System;
using Microsoft.EntityFrameworkCore.Migrations;


#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateFunctions();

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "vi-x-icu"),
                    short_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    document_exchange_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    aliases = table.Column<string[]>(type: "text[]", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: true, computedColumnSql: "emulation_search_key(name || ' ' || coalesce(short_name, '') || ' ' || emulation_join_words(aliases))", stored: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.id);
                    table.CheckConstraint("ck_units_kind", "kind IN ('Department', 'Commune', 'Ward', 'MassOrganization', 'PartyBody', 'Enterprise', 'CentralAgency', 'Press', 'Council', 'Other')");
                    table.ForeignKey(
                        name: "fk_units_units_parent_id",
                        column: x => x.parent_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_units_kind",
                table: "units",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_units_parent_id",
                table: "units",
                column: "parent_id");

            // Codes are unique without regard to case; lookups and the bulk merge use lower(code).
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_units_code_lower ON units (lower(code));");
            // Diacritic-insensitive search ("so noi vu" finds "Sở Nội vụ") with LIKE '%…%' served by a trigram index.
            migrationBuilder.Sql("CREATE INDEX ix_units_search_text ON units USING gin (search_text gin_trgm_ops);");
            migrationBuilder.AddTouchTrigger("units");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "units");
        }
    }
}

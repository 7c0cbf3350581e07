using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CommendationCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "awards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "vi-x-icu"),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    recipient = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    types = table.Column<string[]>(type: "text[]", nullable: false),
                    reward_coefficient = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    legal_basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_awards", x => x.id);
                    table.CheckConstraint("ck_awards_category", "\"category\" IN ('EmulationTitle', 'CommendationForm')");
                    table.CheckConstraint("ck_awards_level", "\"level\" IN ('State', 'Government', 'Province', 'Unit')");
                    table.CheckConstraint("ck_awards_recipient", "\"recipient\" IN ('Individual', 'Collective')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_awards_code",
                table: "awards",
                column: "code",
                unique: true);

            migrationBuilder.AddTouchTrigger("awards");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "awards");
        }
    }
}

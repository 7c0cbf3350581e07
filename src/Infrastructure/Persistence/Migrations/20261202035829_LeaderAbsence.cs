using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeaderAbsence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "leader_absence_note",
                table: "clusters",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "leader_absent",
                table: "clusters",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "leader_absence_note",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "leader_absent",
                table: "clusters");
        }
    }
}

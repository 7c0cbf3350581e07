using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FlagDossierOncePerRanking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_cluster_id",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_cluster_id",
                table: "dossiers",
                column: "cluster_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_cluster_id",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_cluster_id",
                table: "dossiers",
                column: "cluster_id");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReadPaths2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_plan_id_group_sequence",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_plan_id_group_sequence",
                table: "tasks",
                columns: new[] { "plan_id", "group", "sequence" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "id", "status", "deadline", "completed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_plans_updated_at",
                table: "plans",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_clusters_updated_at",
                table: "clusters",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_plan_id_group_sequence",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_plans_updated_at",
                table: "plans");

            migrationBuilder.DropIndex(
                name: "ix_clusters_updated_at",
                table: "clusters");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_plan_id_group_sequence",
                table: "tasks",
                columns: new[] { "plan_id", "group", "sequence" },
                unique: true);
        }
    }
}

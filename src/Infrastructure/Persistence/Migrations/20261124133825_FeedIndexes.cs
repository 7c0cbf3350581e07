using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FeedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_units_updated_at",
                table: "units",
                column: "updated_at");

            // The feed's quarter and month filters compare the deadline's month (EF's translation, matched exactly),
            // mostly together with plans of one year: without this index both are a scan of every task.
            migrationBuilder.Sql("CREATE INDEX ix_tasks_plan_id_deadline_month ON tasks (plan_id, (date_part('month', deadline)::int));");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_tasks_plan_id_deadline_month;");
            migrationBuilder.DropIndex(
                name: "ix_units_updated_at",
                table: "units");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <summary>The plan's year on task_assignees and obligations, kept by triggers, and the (unit_id, plan_year, role)
    /// indexes the feed's unit filters read (see <see cref="UnitYearSql"/>).</summary>
    public partial class UnitYearFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateUnitYearColumns();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropUnitYearColumns();
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Issue 15: <see cref="Schema.CreateTaskAssigneesFunction"/>, so a task's answer reads its assignees as one value
    /// per task instead of one row per assignee. A function only, no model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261203230000_TaskAssigneesJson")]
    public partial class TaskAssigneesJson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateTaskAssigneesFunction();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"DROP FUNCTION {Schema.TaskAssigneesFunction}(uuid);");
    }
}

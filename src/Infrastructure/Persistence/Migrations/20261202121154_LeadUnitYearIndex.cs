using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <summary>The year's lead rows indexed on their own, for the summary by lead unit (see
    /// <see cref="UnitYearSql.CreateLeadYearIndex"/>).</summary>
    public partial class LeadUnitYearIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateLeadYearIndex();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropLeadYearIndex();
    }
}

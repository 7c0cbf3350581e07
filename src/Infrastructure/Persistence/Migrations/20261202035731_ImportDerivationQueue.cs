using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportDerivationQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The queue of units whose obligations the bulk import leaves to the background worker, and the unit-scoped
            // derivation (emulation_derive_unit_obligations) that drains it and serves single-unit changes.
            migrationBuilder.CreateUnitDerivation();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {ObligationSql.DeriveUnitsFunction}(uuid[], uuid[], date, date); DROP FUNCTION IF EXISTS {ObligationSql.DesiredUnitsFunction}(uuid[], uuid[]); DROP TABLE IF EXISTS {ObligationSql.PendingTable};");
        }
    }
}

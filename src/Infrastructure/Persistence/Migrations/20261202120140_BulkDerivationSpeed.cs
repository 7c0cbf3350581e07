using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BulkDerivationSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 15: time-ordered ids and ordered inserts for derived obligations, the feed's cascades and the tally's
            // update trigger once per statement, and the tally's rebuild as a function for bulk loads.
            migrationBuilder.SpeedUpBulkDerivation();
            migrationBuilder.CreateFeedCascades();
            migrationBuilder.ReplaceCountingFunctions();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the functions and triggers answer as the ones they replace did, on the earlier schema too.
        }
    }
}

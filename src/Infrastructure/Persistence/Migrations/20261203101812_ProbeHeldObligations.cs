using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProbeHeldObligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 15: the unit-scoped derivation finds the obligations its units hold already by probing the unique
            // (task, unit) index, not by walking all of it once per chunk.
            migrationBuilder.ProbeHeldObligations();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the function answers as the one it replaces did, on the earlier schema too.
        }
    }
}

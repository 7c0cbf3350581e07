using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The obligation.changed events (<see cref="WebhookSql.CreateObligationEvents"/>): triggers only, no model change. Its
    /// own migration because WebhookOutbox was already merged (and may be applied) before these triggers were written.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202161500_WebhookObligationEvents")]
    public partial class WebhookObligationEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateObligationEvents();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                DROP TRIGGER obligations_webhook_inserted ON obligations;
                DROP TRIGGER obligations_webhook_updated ON obligations;
                DROP FUNCTION emulation_obligation_events();
                """);
    }
}

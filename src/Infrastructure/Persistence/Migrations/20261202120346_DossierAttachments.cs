using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DossierAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_attachments_owner_kind",
                table: "attachments");

            migrationBuilder.AddCheckConstraint(
                name: "ck_attachments_owner_kind",
                table: "attachments",
                sql: "\"owner_kind\" IN ('ProgressReport', 'Dossier')");

            // As for progress reports (migration Attachments): an owner has no foreign key, so when dossiers go (only a
            // draft can be deleted), their files go with them, in the same statement's transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION emulation_drop_dossier_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM attachments a USING gone g WHERE a.owner_kind = 'Dossier' AND a.owner_id = g.id;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER dossiers_drop_attachments AFTER DELETE ON dossiers
                  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION emulation_drop_dossier_attachments();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER dossiers_drop_attachments ON dossiers;
                DROP FUNCTION emulation_drop_dossier_attachments();
                DELETE FROM attachments WHERE owner_kind = 'Dossier';
                """);

            migrationBuilder.DropCheckConstraint(
                name: "ck_attachments_owner_kind",
                table: "attachments");

            migrationBuilder.AddCheckConstraint(
                name: "ck_attachments_owner_kind",
                table: "attachments",
                sql: "\"owner_kind\" IN ('ProgressReport')");
        }
    }
}

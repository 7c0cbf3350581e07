using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Attachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                    table.CheckConstraint("ck_attachments_length", "length > 0");
                    table.CheckConstraint("ck_attachments_owner_kind", "\"owner_kind\" IN ('ProgressReport')");
                    table.CheckConstraint("ck_attachments_sha256", "octet_length(sha256) = 32");
                });

            migrationBuilder.CreateIndex(
                name: "ix_attachments_owner_kind_owner_id",
                table: "attachments",
                columns: new[] { "owner_kind", "owner_id" });

            migrationBuilder.AddTouchTrigger("attachments");

            // The content, in chunks of AttachmentStore.ChunkBytes (EF does not map this table). The foreign key is
            // checked at commit: the chunks are streamed in before the attachment's row is known (its length and digest
            // are known only at the end), in the same transaction. STORAGE EXTERNAL: out of line, uncompressed —
            // PDFs, images and office files are compressed already, so pglz would only spend time finding that out.
            migrationBuilder.Sql("""
                CREATE TABLE attachment_chunks (
                  attachment_id uuid NOT NULL
                    CONSTRAINT fk_attachment_chunks_attachments REFERENCES attachments (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                  seq integer NOT NULL CONSTRAINT ck_attachment_chunks_seq CHECK (seq >= 0),
                  data bytea NOT NULL,
                  CONSTRAINT pk_attachment_chunks PRIMARY KEY (attachment_id, seq)
                );
                ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
                """);

            // An owner has no foreign key (an attachment may belong to several kinds of owner): when progress reports go
            // (with their task), their attachments go with them, in the same statement's transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION emulation_drop_report_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM attachments a USING gone g WHERE a.owner_kind = 'ProgressReport' AND a.owner_id = g.id;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER progress_reports_drop_attachments AFTER DELETE ON progress_reports
                  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION emulation_drop_report_attachments();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER progress_reports_drop_attachments ON progress_reports;
                DROP FUNCTION emulation_drop_report_attachments();
                DROP TABLE attachment_chunks;
                """);
            migrationBuilder.DropTable(
                name: "attachments");
        }
    }
}

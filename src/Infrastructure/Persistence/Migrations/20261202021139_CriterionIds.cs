using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CriterionIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand SQL: existing criteria get an id and the derived code "TC{position}", and each score takes the id of the
            // criterion its index pointed at, before the index goes.
            migrationBuilder.Sql("""
                UPDATE covenants c SET criteria = coalesce((
                  SELECT jsonb_agg(e.value || jsonb_build_object('id', gen_random_uuid(), 'code', 'TC' || e.n) ORDER BY e.n)
                  FROM jsonb_array_elements(c.criteria) WITH ORDINALITY AS e(value, n)), '[]'::jsonb);
                """);

            migrationBuilder.AddColumn<Guid>(
                name: "criterion_id",
                table: "member_scores",
                type: "uuid",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE member_scores s SET criterion_id = (c.criteria -> s.criterion_index ->> 'id')::uuid
                FROM covenants c WHERE c.id = s.covenant_id;
                """);

            migrationBuilder.DropPrimaryKey(
                name: "pk_member_scores",
                table: "member_scores");

            migrationBuilder.DropColumn(
                name: "criterion_index",
                table: "member_scores");

            migrationBuilder.AlterColumn<Guid>(
                name: "criterion_id",
                table: "member_scores",
                type: "uuid",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_member_scores",
                table: "member_scores",
                columns: new[] { "covenant_id", "unit_id", "criterion_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_member_scores",
                table: "member_scores");

            migrationBuilder.DropColumn(
                name: "criterion_id",
                table: "member_scores");

            migrationBuilder.AddColumn<int>(
                name: "criterion_index",
                table: "member_scores",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_member_scores",
                table: "member_scores",
                columns: new[] { "covenant_id", "unit_id", "criterion_index" });
        }
    }
}

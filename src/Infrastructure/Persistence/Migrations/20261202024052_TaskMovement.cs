using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmulationApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TaskMovement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "movement_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_movement_id",
                table: "tasks",
                column: "movement_id");

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_movements_movement_id",
                table: "tasks",
                column: "movement_id",
                principalTable: "movements",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tasks_movements_movement_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_movement_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "movement_id",
                table: "tasks");
        }
    }
}

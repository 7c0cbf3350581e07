using EmulationApi.Application.Tasks;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

/// <summary>The two sources of <see cref="UnitTaskLink"/>: queries, not tables (no migration). EF Core places each as a
/// subquery, which PostgreSQL flattens, so a filter on unit, year and role reaches the table's <c>(unit_id, plan_year,
/// role)</c> index (UnitYearSql).</summary>
public static class UnitTaskLinkConfiguration
{
    public const string Obligations = "ObligationLink";
    public const string Assignees = "AssigneeLink";

    public static void Configure(ModelBuilder modelBuilder)
    {
        Map(modelBuilder, Obligations, "SELECT task_id, unit_id, plan_year, role FROM obligations WHERE state = 'Active'");
        Map(modelBuilder, Assignees, "SELECT task_id, unit_id, plan_year, role FROM task_assignees");
    }

    private static void Map(ModelBuilder modelBuilder, string name, string sql) =>
        modelBuilder.SharedTypeEntity<UnitTaskLink>(name, b =>
        {
            b.HasNoKey();
            b.ToSqlQuery(sql);
            b.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        });
}

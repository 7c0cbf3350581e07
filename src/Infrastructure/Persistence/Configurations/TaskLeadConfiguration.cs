using EmulationApi.Application.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class TaskLeadConfiguration : IEntityTypeConfiguration<TaskLead>
{
    public void Configure(EntityTypeBuilder<TaskLead> builder)
    {
        // A query, not a table (no migration); flattened by PostgreSQL, so a year reaches ix_task_assignees_lead_plan_year.
        builder.HasNoKey();
        builder.ToSqlQuery("""
            SELECT a.task_id, a.plan_year, a.unit_id, a."group", a.source_text
              FROM task_assignees a
             WHERE a.role = 'Lead'
            """);
    }
}

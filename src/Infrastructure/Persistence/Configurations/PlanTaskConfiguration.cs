using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("tasks", t =>
        {
            t.HasCheckConstraint("ck_tasks_group", Schema.EnumCheck<PeriodGroup>("group"));
            t.HasCheckConstraint("ck_tasks_status", Schema.EnumCheck<TaskProgress>("status"));
        });
        builder.HasKey(t => t.Id);
        builder.HasOne(t => t.Plan).WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Group).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Content).HasMaxLength(PlanTask.ContentMaxLength);
        builder.Property(t => t.LeadText).HasMaxLength(PlanTask.CellMaxLength);
        builder.Property(t => t.CoordinatorText).HasMaxLength(PlanTask.CellMaxLength);
        builder.Property(t => t.TimingText).HasMaxLength(PlanTask.CellMaxLength);
        builder.Property(t => t.CancellationReason).HasMaxLength(PlanTask.CellMaxLength);
        builder.HasOne<PlanAmendment>().WithMany().HasForeignKey(t => t.CancelledBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanAmendment>().WithMany().HasForeignKey(t => t.AmendedBy).OnDelete(DeleteBehavior.Restrict);
        // A draft movement that tasks serve is not deleted (DeleteMovement answers 409); the key keeps it so.
        builder.HasOne<Domain.Movements.Movement>().WithMany().HasForeignKey(t => t.MovementId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Version).IsRowVersion();
        builder.ComplexProperty(t => t.Timing, timing =>
        {
            timing.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16).HasColumnName("timing_kind");
            timing.Property(x => x.Month).HasColumnName("timing_month");
            timing.Property(x => x.Quarter).HasColumnName("timing_quarter");
            timing.Property(x => x.Date).HasColumnName("timing_date");
            timing.Property(x => x.Condition).HasMaxLength(TaskTiming.ConditionMaxLength).HasColumnName("timing_condition");
        });
        builder.Property<string>(Sql.SearchTextColumn).HasComputedColumnSql($"{Schema.SearchKeyFunction}(content)", stored: true);

        builder.OwnsMany(t => t.Assignees, a =>
        {
            a.ToTable("task_assignees", t => t.HasCheckConstraint("ck_task_assignees_one_target", "unit_id IS NULL OR \"group\" IS NULL"));
            a.WithOwner().HasForeignKey("TaskId");
            a.Property<int>("Id").UseIdentityAlwaysColumn();
            a.HasKey("Id");
            a.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.Group).HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.SourceText).HasMaxLength(TaskAssignee.SourceTextMaxLength);
            a.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.UnitId, x.Role });
            a.Navigation(x => x.Unit).AutoInclude(false);
        });
        builder.Navigation(t => t.Assignees).AutoInclude();

        // The feed's filters and sorts. Unique number per plan and group; its included columns are what the summary counts (status, timeliness from
        // deadline and completion, the group, the id to reach the leads), so a summary by year or plan reads this index
        // only, the plan's tasks and nothing else, instead of scanning every task's row.
        builder.HasIndex(t => new { t.PlanId, t.Group, t.Sequence }).IsUnique()
            .IncludeProperties(t => new { t.Id, t.Status, t.Deadline, t.CompletedOn });
        builder.HasIndex(t => t.UpdatedAt);
        builder.HasIndex(t => t.Deadline);
        builder.HasIndex(t => t.Status);
        builder.HasIndex(t => t.MovementId);
    }
}

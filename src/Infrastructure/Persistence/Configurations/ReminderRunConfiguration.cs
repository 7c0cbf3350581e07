using EmulationApi.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ReminderRunConfiguration : IEntityTypeConfiguration<ReminderRun>
{
    public void Configure(EntityTypeBuilder<ReminderRun> builder)
    {
        // The slot is the key: a second instance's INSERT of the same slot waits for the first one's transaction and
        // then does nothing (Reminders.ReminderSlots).
        builder.ToTable("reminder_runs", t => t.HasCheckConstraint("ck_reminder_runs_counts", "units >= 0 AND due_soon >= 0 AND overdue >= 0"));
        builder.HasKey(r => r.Slot);
        builder.Property(r => r.Slot).ValueGeneratedNever();
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Instance).HasMaxLength(ReminderRun.InstanceMaxLength).IsRequired();
    }
}

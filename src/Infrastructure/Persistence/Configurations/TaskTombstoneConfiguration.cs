using EmulationApi.Application.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class TaskTombstoneConfiguration : IEntityTypeConfiguration<TaskTombstone>
{
    public void Configure(EntityTypeBuilder<TaskTombstone> builder)
    {
        // Written only by the tasks_tombstone trigger (FeedSql); read by the feed under changedSince.
        builder.ToTable("task_tombstones");
        builder.HasKey(t => t.TaskId);
        builder.Property(t => t.Group).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.DeletedAt);
    }
}

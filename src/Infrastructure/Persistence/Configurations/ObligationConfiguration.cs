using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ObligationConfiguration : IEntityTypeConfiguration<Obligation>
{
    public void Configure(EntityTypeBuilder<Obligation> builder)
    {
        builder.ToTable("obligations", t =>
        {
            t.HasCheckConstraint("ck_obligations_role", Schema.EnumCheck<AssigneeRole>("role"));
            t.HasCheckConstraint("ck_obligations_source_group", Schema.EnumCheck<AssigneeGroup>("source_group"));
            t.HasCheckConstraint("ck_obligations_state", Schema.EnumCheck<ObligationState>("state"));
            t.HasCheckConstraint("ck_obligations_status", Schema.EnumCheck<ProgressStatus>("status"));
            t.HasCheckConstraint("ck_obligations_review", Schema.EnumCheck<CompletionReview>("review"));
        });
        builder.HasKey(o => o.Id);
        builder.HasOne(o => o.Task).WithMany().HasForeignKey(o => o.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(o => o.Unit).WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Cluster>().WithMany().HasForeignKey(o => o.ClusterId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(o => o.TransferredFrom).WithMany().HasForeignKey(o => o.TransferredFromUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.SourceGroup).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Review).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ExtensionReason).HasMaxLength(Obligation.ReasonMaxLength);
        builder.Property(o => o.ExemptionReason).HasMaxLength(Obligation.ReasonMaxLength);
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.ObligationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A unit holds at most one obligation per task; the work list reads by unit, the feed by change.
        builder.HasIndex(o => new { o.TaskId, o.UnitId }).IsUnique();
        builder.HasIndex(o => new { o.UnitId, o.TaskId });
        builder.HasIndex(o => o.UpdatedAt);
        builder.HasIndex(o => o.ClusterId);
    }
}

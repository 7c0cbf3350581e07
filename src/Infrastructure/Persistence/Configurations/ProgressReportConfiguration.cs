using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("progress_reports", t => t.HasCheckConstraint("ck_progress_reports_status", Schema.EnumCheck<ProgressStatus>("status")));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<PlanTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Obligations.Obligation>().WithMany().HasForeignKey(r => r.ObligationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.RecordedBy).HasMaxLength(ProgressReport.RecordedByMaxLength);
        builder.HasOne(r => r.ReportingUnit).WithMany().HasForeignKey(r => r.ReportingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Text).HasMaxLength(ProgressReport.TextMaxLength);
        builder.PrimitiveCollection(r => r.EvidenceLinks).HasField("_evidenceLinks").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.HasIndex(r => new { r.TaskId, r.ReportedOn });
        builder.HasIndex(r => new { r.ObligationId, r.ReportedOn });
    }
}

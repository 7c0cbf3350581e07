using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class PlanAmendmentConfiguration : IEntityTypeConfiguration<PlanAmendment>
{
    public void Configure(EntityTypeBuilder<PlanAmendment> builder)
    {
        builder.ToTable("plan_amendments");
        builder.HasKey(a => a.Id);
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Number).HasMaxLength(Plan.NumberMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(PlanAmendment.SummaryMaxLength);
        builder.Property(a => a.Changes).HasField("_changes").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(a => a.Version).IsRowVersion();
        // Amendments are numbered in order within their plan; two writers cannot take the same number.
        builder.HasIndex(a => new { a.PlanId, a.Sequence }).IsUnique();
    }
}

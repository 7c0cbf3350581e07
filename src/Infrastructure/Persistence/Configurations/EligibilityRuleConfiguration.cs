using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class EligibilityRuleConfiguration : IEntityTypeConfiguration<EligibilityRule>
{
    public void Configure(EntityTypeBuilder<EligibilityRule> builder)
    {
        builder.ToTable("eligibility_rules", t => t.HasCheckConstraint("ck_eligibility_rules_kind", Schema.EnumCheck<EligibilityRuleKind>("kind")));
        builder.HasKey(r => r.Id);
        // A rule goes with its award (only an unused, admin-created award is ever deleted); a required award is kept.
        builder.HasOne<Award>().WithMany().HasForeignKey(r => r.AwardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Award>().WithMany().HasForeignKey(r => r.RequiredAwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.AwardId);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Citation).HasMaxLength(EligibilityRule.CitationMaxLength);
        builder.Property(r => r.Explanation).HasMaxLength(EligibilityRule.ExplanationMaxLength);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

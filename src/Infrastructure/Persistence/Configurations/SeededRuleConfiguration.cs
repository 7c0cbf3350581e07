using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class SeededRuleConfiguration : IEntityTypeConfiguration<SeededRule>
{
    public void Configure(EntityTypeBuilder<SeededRule> builder)
    {
        builder.ToTable("seeded_rules");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(SeededRule.KeyMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
    }
}

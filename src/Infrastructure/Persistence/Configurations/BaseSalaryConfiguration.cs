using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class BaseSalaryConfiguration : IEntityTypeConfiguration<BaseSalary>
{
    public void Configure(EntityTypeBuilder<BaseSalary> builder)
    {
        builder.ToTable("base_salaries", t => t.HasCheckConstraint("ck_base_salaries_amount", "amount > 0"));
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.EffectiveFrom).IsUnique();
        builder.Property(s => s.LegalBasis).HasMaxLength(BaseSalary.CitationMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
    }
}

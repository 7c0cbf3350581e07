using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> builder)
    {
        builder.ToTable("awards", t =>
        {
            t.HasCheckConstraint("ck_awards_category", Schema.EnumCheck<AwardCategory>("category"));
            t.HasCheckConstraint("ck_awards_recipient", Schema.EnumCheck<AwardRecipient>("recipient"));
            t.HasCheckConstraint("ck_awards_level", Schema.EnumCheck<GrantingLevel>("level"));
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Code).HasMaxLength(Award.CodeMaxLength);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(Award.NameMaxLength).UseCollation(Schema.ViCollation);
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Recipient).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(16);
        builder.PrimitiveCollection(a => a.Types).HasField("_types").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired()
            .ElementType(e => e.HasConversion<string>());
        builder.Property(a => a.RewardCoefficient).HasPrecision(9, 2);
        builder.Property(a => a.LegalBasis).HasMaxLength(Award.CitationMaxLength);
        builder.Property(a => a.Version).IsRowVersion();
    }
}

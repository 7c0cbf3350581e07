using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans", t => t.HasCheckConstraint("ck_plans_status", Schema.EnumCheck<PlanStatus>("status")));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(Plan.TitleMaxLength).UseCollation(Schema.ViCollation);
        builder.Property(p => p.Number).HasMaxLength(Plan.NumberMaxLength);
        builder.Property(p => p.IssuingBody).HasMaxLength(Plan.BodyMaxLength);
        builder.Property(p => p.Place).HasMaxLength(Plan.BodyMaxLength);
        builder.Property(p => p.SignerName).HasMaxLength(Plan.PersonMaxLength);
        builder.Property(p => p.SignerTitle).HasMaxLength(Plan.PersonMaxLength);
        builder.PrimitiveCollection(p => p.LegalBases).HasField("_legalBases").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.PrimitiveCollection(p => p.Recipients).HasField("_recipients").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.Property(p => p.Sections).HasField("_sections").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.Year, p.Title }).IsUnique();
        builder.HasIndex(p => p.Status);
        // The change marker (ChangeMarker) takes the latest plan change: a backward walk of this index, at any number of plans.
        builder.HasIndex(p => p.UpdatedAt);
    }
}

using EmulationApi.Domain.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class CovenantConfiguration : IEntityTypeConfiguration<Covenant>
{
    public void Configure(EntityTypeBuilder<Covenant> builder)
    {
        builder.ToTable("covenants", t => t.HasCheckConstraint("ck_covenants_status", Schema.EnumCheck<CovenantStatus>("status")));
        builder.HasKey(c => c.Id);
        builder.HasOne<Cluster>().WithMany().HasForeignKey(c => c.ClusterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ClusterId).IsUnique();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Criteria).HasField("_criteria").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.PrimitiveCollection(c => c.Signatories).HasField("_signatories").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.Property(c => c.Version).IsRowVersion();
        builder.OwnsMany(c => c.Scores, s =>
        {
            s.ToTable("member_scores", t => t.HasCheckConstraint("ck_member_scores_kind", Schema.EnumCheck<CriterionKind>("kind")));
            s.WithOwner().HasForeignKey(x => x.CovenantId);
            s.HasKey(x => new { x.CovenantId, x.UnitId, x.CriterionId });
            s.Property(x => x.Points).HasPrecision(9, 2);
            s.Property(x => x.SignedPoints).HasPrecision(9, 2);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            s.HasOne<Domain.Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(c => c.Scores).AutoInclude();
    }
}

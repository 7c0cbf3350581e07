using EmulationApi.Domain.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> builder)
    {
        builder.ToTable("clusters", t =>
        {
            t.HasCheckConstraint("ck_clusters_kind", Schema.EnumCheck<ClusterKind>("kind"));
            t.HasCheckConstraint("ck_clusters_scope", Schema.EnumCheck<ClusterScope>("scope"));
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(Cluster.NameMaxLength).UseCollation(Schema.ViCollation);
        builder.Property(c => c.Sector).HasMaxLength(Cluster.NameMaxLength);
        builder.Property(c => c.DecisionNumber).HasMaxLength(Cluster.ReferenceMaxLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.Year, c.Scope, c.Name }).IsUnique();

        // One leader, one deputy, one provincial cluster a unit a year: exclusion constraints in the migration, deferred
        // to commit so that a swap of roles in one request passes, and enforced even under concurrent requests.
        builder.OwnsMany(c => c.Members, m =>
        {
            m.ToTable("cluster_members", t => t.HasCheckConstraint("ck_cluster_members_role", Schema.EnumCheck<MemberRole>("role")));
            m.WithOwner().HasForeignKey("ClusterId");
            m.HasKey("ClusterId", nameof(ClusterMember.UnitId));
            m.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            m.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
            m.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => new { x.UnitId, x.Year });
        });
        builder.Navigation(c => c.Members).AutoInclude();
    }
}

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
            s.HasKey(x => new { x.CovenantId, x.UnitId, x.CriterionIndex });
            s.Property(x => x.Points).HasPrecision(9, 2);
            s.Property(x => x.SignedPoints).HasPrecision(9, 2);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            s.HasOne<Domain.Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(c => c.Scores).AutoInclude();
    }
}

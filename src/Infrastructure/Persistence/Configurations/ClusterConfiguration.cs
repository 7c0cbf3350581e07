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
        builder.Property(c => c.LeaderAbsenceNote).HasMaxLength(Cluster.AbsenceNoteMaxLength);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.Year, c.Scope, c.Name }).IsUnique();
        // The change marker (ChangeMarker) takes the latest cluster change: a backward walk of this index.
        builder.HasIndex(c => c.UpdatedAt);

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

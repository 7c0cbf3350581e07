using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.ToTable("dossiers", t =>
        {
            t.HasCheckConstraint("ck_dossiers_status", Schema.EnumCheck<DossierStatus>("status"));
            t.HasCheckConstraint("ck_dossiers_type", Schema.EnumCheck<CommendationType>("type"));
            t.HasCheckConstraint("ck_dossiers_source", "movement_id IS NULL OR cluster_id IS NULL");
        });
        builder.HasKey(d => d.Id);
        builder.HasOne<Unit>().WithMany().HasForeignKey(d => d.ProposingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Movement>().WithMany().HasForeignKey(d => d.MovementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Cluster>().WithMany().HasForeignKey(d => d.ClusterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CouncilSession>().WithMany().HasForeignKey(d => d.CouncilSessionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Period).HasMaxLength(Dossier.PeriodMaxLength);
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(d => d.Version).IsRowVersion();
        // One dossier per cluster's ranking (the flag proposal): the check CreateFlagDossier makes before it writes, kept
        // by the database under concurrent requests (both read "none yet" before either inserts; the second is a 409).
        builder.HasIndex(d => d.ClusterId).IsUnique().HasDatabaseName("ix_dossiers_cluster_id");
        builder.HasIndex(d => new { d.ProposingUnitId, d.Year });
        builder.HasIndex(d => new { d.Year, d.CreatedAt });
        // The overdue list: dossiers waiting on their appraisal, by the day they were received.
        builder.HasIndex(d => new { d.Status, d.ReceivedOn });

        builder.OwnsMany(d => d.Nominees, ConfigureNominees);
        builder.Navigation(d => d.Nominees).AutoInclude();
    }

    private static void ConfigureNominees(OwnedNavigationBuilder<Dossier, Nominee> n)
    {
        n.ToTable("dossier_nominees", t =>
        {
            t.HasCheckConstraint("ck_dossier_nominees_kind", Schema.EnumCheck<NomineeKind>("kind"));
            t.HasCheckConstraint("ck_dossier_nominees_outcome", Schema.EnumCheck<NomineeOutcome>("outcome"));
            t.HasCheckConstraint("ck_dossier_nominees_council_outcome", Schema.EnumCheck<CouncilOutcome>("council_outcome"));
        });
        n.WithOwner().HasForeignKey("DossierId");
        n.HasKey(x => x.Id);
        n.Property(x => x.Id).ValueGeneratedNever();
        n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        n.Property(x => x.CollectiveKind).HasConversion<string>().HasMaxLength(16);
        n.Property(x => x.Category).HasConversion<string>().HasMaxLength(16);
        n.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        n.Property(x => x.Name).HasMaxLength(Nominee.NameMaxLength);
        n.Property(x => x.Position).HasMaxLength(Nominee.PositionMaxLength);
        n.Property(x => x.Achievements).HasMaxLength(Nominee.AchievementsMaxLength);
        n.Property(x => x.OutcomeReason).HasMaxLength(Nominee.ReasonMaxLength);
        n.Property(x => x.CouncilOutcome).HasConversion<string>().HasMaxLength(16);
        n.Property(x => x.CouncilReason).HasMaxLength(CouncilSession.ReasonMaxLength);
        n.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        n.HasOne<Award>().WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.Restrict);
        n.HasIndex(x => x.AwardId);
        n.HasIndex(x => x.UnitId);
    }
}

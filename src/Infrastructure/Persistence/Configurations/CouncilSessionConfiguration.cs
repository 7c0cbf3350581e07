using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class CouncilSessionConfiguration : IEntityTypeConfiguration<CouncilSession>
{
    public void Configure(EntityTypeBuilder<CouncilSession> builder)
    {
        builder.ToTable("council_sessions", t =>
        {
            t.HasCheckConstraint("ck_council_sessions_status", Schema.EnumCheck<CouncilSessionStatus>("status"));
            t.HasCheckConstraint("ck_council_sessions_kind", Schema.EnumCheck<CouncilSessionKind>("kind"));
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Place).HasMaxLength(CouncilSession.PlaceMaxLength);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.MinutesReference).HasMaxLength(CouncilSession.MinutesMaxLength);
        builder.Property(s => s.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(s => s.Votes).HasField("_votes").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => new { s.HeldOn, s.CreatedAt });
    }
}

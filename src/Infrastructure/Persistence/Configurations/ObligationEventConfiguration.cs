using EmulationApi.Domain.Obligations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ObligationEventConfiguration : IEntityTypeConfiguration<ObligationEvent>
{
    public void Configure(EntityTypeBuilder<ObligationEvent> builder)
    {
        builder.ToTable("obligation_events", t => t.HasCheckConstraint("ck_obligation_events_kind", Schema.EnumCheck<ObligationEventKind>("kind")));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(Obligation.ReasonMaxLength);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.At).HasDefaultValueSql("clock_timestamp()").ValueGeneratedOnAdd();
        builder.HasIndex(e => new { e.ObligationId, e.Id });
    }
}

using EmulationApi.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.At).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.Property(e => e.Client).HasMaxLength(200).IsRequired();
        builder.Property(e => e.UseCase).HasMaxLength(100);
        builder.Property(e => e.Entity).HasMaxLength(100).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Changes).HasColumnType("jsonb").IsRequired();
        builder.HasIndex(e => new { e.Entity, e.EntityId });
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.Client);
    }
}

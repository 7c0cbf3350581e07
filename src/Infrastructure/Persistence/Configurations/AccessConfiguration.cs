using EmulationApi.Domain.Access;
using EmulationApi.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys", t => t.HasCheckConstraint("ck_api_keys_role",
            $"role IN ({string.Join(", ", Enum.GetNames<ClientRole>().Select(n => $"'{n}'"))})"));
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.UnitCode).HasMaxLength(Domain.Units.Unit.CodeMaxLength);
        builder.Property(k => k.Version).IsRowVersion();
    }
}

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

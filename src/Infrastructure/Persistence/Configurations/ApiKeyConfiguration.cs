using EmulationApi.Domain.Access;
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

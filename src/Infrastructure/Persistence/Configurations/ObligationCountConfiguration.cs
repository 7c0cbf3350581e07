using EmulationApi.Application.Obligations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class ObligationCountConfiguration : IEntityTypeConfiguration<ObligationCount>
{
    public void Configure(EntityTypeBuilder<ObligationCount> builder)
    {
        // Written only by triggers (ObligationCountSql), which also create the table: read-only here.
        builder.ToTable(ObligationCountSql.Table, t => t.ExcludeFromMigrations());
        builder.HasNoKey();
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
    }
}

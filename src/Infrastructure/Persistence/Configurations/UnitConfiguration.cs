using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units", t => t.HasCheckConstraint("ck_units_kind",
            $"kind IN ({string.Join(", ", Enum.GetNames<UnitKind>().Select(n => $"'{n}'"))})"));
        builder.HasKey(u => u.Id);
        // Unique without regard to case: the index on lower(code) is created by the migration (EF cannot express it).
        builder.Property(u => u.Code).HasMaxLength(Unit.CodeMaxLength).IsRequired();
        builder.Property(u => u.Name).HasMaxLength(Unit.NameMaxLength).IsRequired().UseCollation(Schema.ViCollation);
        builder.Property(u => u.ShortName).HasMaxLength(Unit.ShortNameMaxLength);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.DocumentExchangeId).HasMaxLength(Unit.DocumentExchangeIdMaxLength);
        builder.PrimitiveCollection(u => u.Aliases).HasField("_aliases").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.Property(u => u.IsActive).HasDefaultValue(true);
        builder.Property(u => u.Version).IsRowVersion();
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Successor).WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<string>(Sql.SearchTextColumn)
            .HasComputedColumnSql($"{Schema.SearchKeyFunction}(name || ' ' || coalesce(short_name, '') || ' ' || {Schema.JoinWordsFunction}(aliases))", stored: true);
        builder.HasIndex(u => u.Kind);
        builder.HasIndex(u => u.ParentId);
        // The task feed's ETag takes the latest unit change (unit names are part of each task).
        builder.HasIndex(u => u.UpdatedAt);
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Movements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> builder)
    {
        builder.ToTable("movements", t =>
        {
            t.HasCheckConstraint("ck_movements_form", Schema.EnumCheck<MovementForm>("form"));
            t.HasCheckConstraint("ck_movements_launcher_level", Schema.EnumCheck<LauncherLevel>("launcher_level"));
            t.HasCheckConstraint("ck_movements_status", Schema.EnumCheck<MovementStatus>("status"));
            t.HasCheckConstraint("ck_movements_period", "end_date IS NULL OR end_date >= start_date");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(Movement.NameMaxLength).UseCollation(Schema.ViCollation);
        builder.Property(m => m.NameKeyValue).HasColumnName("name_key").HasMaxLength(Movement.NameMaxLength);
        builder.HasIndex(m => m.NameKeyValue).IsUnique();
        builder.Property(m => m.Slogan).HasMaxLength(Movement.TextMaxLength);
        builder.Property(m => m.LaunchDocument).HasMaxLength(Movement.ReferenceMaxLength);
        builder.Property(m => m.Scope).HasMaxLength(Movement.TextMaxLength);
        builder.Property(m => m.Form).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LauncherLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Movement>().WithMany().HasForeignKey(m => m.ParentMovementId).OnDelete(DeleteBehavior.Restrict);
        builder.PrimitiveCollection(m => m.PlanIds).HasField("_planIds").UsePropertyAccessMode(PropertyAccessMode.Field).IsRequired();
        builder.Property(m => m.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(m => m.Participants).HasField("_participants").UsePropertyAccessMode(PropertyAccessMode.Field).AsJsonList();
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property<string>(Sql.SearchTextColumn)
            .HasComputedColumnSql($"{Schema.SearchKeyFunction}(name || ' ' || coalesce(slogan, ''))", stored: true);
        builder.HasIndex(m => new { m.StartDate, m.EndDate });
        builder.HasIndex(m => m.Status);
    }
}

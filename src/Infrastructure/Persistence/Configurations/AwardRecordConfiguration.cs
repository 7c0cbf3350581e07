using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class AwardRecordConfiguration : IEntityTypeConfiguration<AwardRecord>
{
    public void Configure(EntityTypeBuilder<AwardRecord> builder)
    {
        builder.ToTable("award_records", t => t.HasCheckConstraint("ck_award_records_source", Schema.EnumCheck<AwardRecordSource>("source")));
        builder.HasKey(r => r.Id);
        // The catalog entry and the unit are never deleted under a register line (Restrict): the line is the record.
        builder.HasOne<Award>().WithMany().HasForeignKey(r => r.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A decided dossier is never deleted (only drafts are); the reports read its type and proposing unit through it.
        builder.HasOne<Dossier>().WithMany().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.DossierId);
        builder.Property(r => r.PersonName).HasMaxLength(AwardRecord.PersonNameMaxLength);
        builder.Property<string?>(Sql.SearchTextColumn).HasComputedColumnSql($"{Schema.SearchKeyFunction}(person_name)", stored: true);
        builder.Property(r => r.DecisionNumber).HasMaxLength(AwardRecord.DecisionNumberMaxLength);
        builder.Property(r => r.DecisionSigner).HasMaxLength(AwardRecord.SignerMaxLength);
        builder.Property(r => r.Note).HasMaxLength(AwardRecord.NoteMaxLength);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(r => r.ForPerson);
        // The rules read "this unit's (or person's) lines of award X"; the history reads a unit's lines by year.
        builder.HasIndex(r => new { r.UnitId, r.Year });
        builder.HasIndex(r => new { r.AwardId, r.Year });
        builder.Property(r => r.Version).IsRowVersion();
    }
}

using EmulationApi.Domain.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

/// <summary>
/// The attachment's row; its content lives in <c>attachment_chunks</c> (see <see cref="AttachmentStore"/>), a table the
/// migration creates by hand: EF never reads or writes it.
/// </summary>
public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments", t =>
        {
            t.HasCheckConstraint("ck_attachments_owner_kind", Schema.EnumCheck<AttachmentOwnerKind>("owner_kind"));
            t.HasCheckConstraint("ck_attachments_length", "length > 0");
            t.HasCheckConstraint("ck_attachments_sha256", $"octet_length(sha256) = {Attachment.Sha256Bytes}");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.OwnerKind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.UploadedBy).HasMaxLength(Attachment.UploadedByMaxLength);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasIndex(a => new { a.OwnerKind, a.OwnerId });
    }
}

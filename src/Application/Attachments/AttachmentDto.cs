using EmulationApi.Domain.Attachments;

namespace EmulationApi.Application.Attachments;

/// <summary>An attachment as stored: what the file is, never its bytes (download those from its content).</summary>
/// <param name="OwnerKind">What the file is evidence for.</param>
/// <param name="OwnerId">The id of that owner (for a progress report, the report's id).</param>
/// <param name="FileName">The name the file is offered under on download.</param>
/// <param name="ContentType">The file's media type, as declared and matched by its content.</param>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content, 64 lower-case hex digits: compare it with the file you sent.</param>
/// <param name="UploadedBy">Who stored it.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record AttachmentDto(
    Guid Id,
    AttachmentOwnerKind OwnerKind,
    Guid OwnerId,
    string FileName,
    string ContentType,
    long Length,
    string Sha256,
    string UploadedBy,
    DateTimeOffset CreatedAt)
{
    public static AttachmentDto From(Attachment a) =>
        new(a.Id, a.OwnerKind, a.OwnerId, a.FileName, a.ContentType, a.Length, Convert.ToHexStringLower(a.Sha256), a.UploadedBy, a.CreatedAt);
}

/// <summary>What the store keeps, and how its content is told apart: the owner an attachment belongs to.</summary>
/// <param name="Kind">The owner's kind.</param>
/// <param name="Id">The owner's id.</param>
/// <param name="ParentId">The id the owner is reached under in the route (a progress report's task), checked to match.</param>
public sealed record AttachmentOwner(AttachmentOwnerKind Kind, Guid Id, Guid? ParentId = null);

/// <summary>The store's size cap (configuration <c>Attachments:MaxBytes</c>).</summary>
public sealed record AttachmentLimits(long MaxBytes)
{
    /// <summary>20 MiB: a scanned report of some dozens of pages, or a few photos.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
}

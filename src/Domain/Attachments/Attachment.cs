using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Attachments;

/// <summary>
/// A file kept as evidence for something else — its owner: a progress report or a nomination dossier. The row
/// holds what the file is (name, media type, length, SHA-256); its bytes are stored beside it, in chunks, in the same
/// transaction. A file is never changed once stored: a corrected file is a new attachment.
/// </summary>
public sealed class Attachment : Entity
{
    public const int FileNameMaxLength = 255;
    public const int UploadedByMaxLength = 200;
    /// <summary>The most files one owner keeps: enough for a report's evidence or a dossier's papers, not a file share.</summary>
    public const int MaxPerOwner = 20;
    public const int Sha256Bytes = 32;

    private Attachment() { FileName = null!; ContentType = null!; Sha256 = null!; UploadedBy = null!; }

    public AttachmentOwnerKind OwnerKind { get; private set; }
    public Guid OwnerId { get; private set; }
    /// <summary>The name the file is offered under on download (NFC, no folder part).</summary>
    public string FileName { get; private set; }
    /// <summary>The media type, one of <see cref="AttachmentTypes.All"/>, declared by the client and matched by the content.</summary>
    public string ContentType { get; private set; }
    public long Length { get; private set; }
    /// <summary>The SHA-256 of the content, computed while it was streamed in.</summary>
    public byte[] Sha256 { get; private set; }
    /// <summary>Who stored it: the client's name as the audit trail records it.</summary>
    public string UploadedBy { get; private set; }

    /// <summary>
    /// The attachment whose content has been streamed in: <paramref name="length"/> bytes digesting to
    /// <paramref name="sha256"/>, of a type accepted by <see cref="AttachmentTypes.Find"/>.
    /// </summary>
    public static Attachment Create(Guid id, AttachmentOwnerKind ownerKind, Guid ownerId, string fileName, AttachmentType type,
        long length, byte[] sha256, string uploadedBy)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != Sha256Bytes) throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(sha256));
        if (length <= 0)
            throw new DomainException(Localized.Text("The file is empty.", "Tệp rỗng."));
        return new Attachment
        {
            Id = id,
            OwnerKind = ownerKind,
            OwnerId = ownerId,
            FileName = CleanFileName(fileName)
                       ?? throw new DomainException(Localized.Text("The file name is empty or not a file name.", "Tên tệp trống hoặc không phải tên tệp.")),
            ContentType = type.MediaType,
            Length = length,
            Sha256 = sha256,
            UploadedBy = Text.Limit(uploadedBy, UploadedByMaxLength, "uploadedBy"),
        };
    }

    /// <summary>
    /// The file name as stored: NFC, trimmed, without a folder part (a client may send a path), free of control
    /// characters, at most <see cref="FileNameMaxLength"/> characters; null when no such name is left.
    /// </summary>
    public static string? CleanFileName(string? fileName)
    {
        var name = Text.Clean(fileName);
        if (name is null || name.Any(char.IsControl)) return null;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        return name is "" or "." or ".." || name.Length > FileNameMaxLength ? null : name;
    }
}

/// <summary>What an attachment is evidence for.</summary>
public enum AttachmentOwnerKind
{
    /// <summary>A progress report (báo cáo tiến độ) on a task: files that show the work.</summary>
    ProgressReport,

    /// <summary>A nomination dossier (hồ sơ đề nghị khen thưởng): the achievement report, meeting minutes, the council's papers.</summary>
    Dossier,
}

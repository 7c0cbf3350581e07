using Microsoft.EntityFrameworkCore.Storage;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// Where attachments' bytes live (Infrastructure: chunks in PostgreSQL). The use case begins the store's transaction,
/// streams the content in, adds the attachment's row and saves, then commits: the bytes and the row are written together
/// or not at all.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Begins the transaction on the use case's database context that the content and the row are written in.</summary>
    Task<IDbContextTransaction> BeginAsync(CancellationToken ct);

    /// <summary>
    /// Holds the owner's row (a share lock, until the transaction ends) so that it is neither deleted nor changed while
    /// the attachment's row is added: the use case then reads the owner again, and a concurrent delete either waits for
    /// the upload's commit (and removes the new file with its owner) or has already removed the owner (404).
    /// </summary>
    Task HoldOwnerAsync(AttachmentOwner owner, CancellationToken ct);

    /// <summary>Streams <paramref name="content"/> in as the content of attachment <paramref name="attachmentId"/>, read to its end.</summary>
    Task WriteContentAsync(Guid attachmentId, Stream content, CancellationToken ct);

    /// <summary>
    /// The stored content of an attachment of <paramref name="length"/> bytes, streamed out from the database as it is
    /// read; seekable, so a range of it can be read without the rest.
    /// </summary>
    Task<Stream> OpenContentAsync(Guid attachmentId, long length, CancellationToken ct);
}

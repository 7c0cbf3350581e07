using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// An attachment's content, streamed from the store as the client reads it — to a client that may read its owner
/// (<see cref="AttachmentAccess"/>): a file is not easier to reach by its id than the dossier or report it belongs to.
/// </summary>
public sealed record GetAttachmentContentQuery(Guid Id) : IRequest<AttachmentContent>;

/// <summary>What the file is and its bytes; the caller disposes <see cref="Content"/> (which frees the database connection).</summary>
public sealed record AttachmentContent(AttachmentDto Attachment, Stream Content);

public sealed class GetAttachmentContentHandler(IAppDbContext db, IAttachmentStore store, ICurrentClient client) : IRequestHandler<GetAttachmentContentQuery, AttachmentContent>
{
    public async Task<AttachmentContent> Handle(GetAttachmentContentQuery request, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                         ?? throw new NotFoundException("Attachment", request.Id);
        await db.EnsureMayReadAttachmentsAsync(new AttachmentOwner(attachment.OwnerKind, attachment.OwnerId), client, cancellationToken);
        return new AttachmentContent(AttachmentDto.From(attachment), await store.OpenContentAsync(attachment.Id, attachment.Length, cancellationToken));
    }
}

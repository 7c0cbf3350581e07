using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>Remove an attachment and its content: whoever may add files to its owner may remove them (see <see cref="AttachmentAccess"/>).</summary>
public sealed record DeleteAttachmentCommand(Guid Id) : IRequest;

public sealed class DeleteAttachmentHandler(IAppDbContext db, ICurrentClient client) : IRequestHandler<DeleteAttachmentCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteAttachmentCommand request, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                         ?? throw new NotFoundException("Attachment", request.Id);
        await db.EnsureMayChangeAttachmentsAsync(new AttachmentOwner(attachment.OwnerKind, attachment.OwnerId), client, cancellationToken);
        // The content's chunks go with the row (ON DELETE CASCADE).
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

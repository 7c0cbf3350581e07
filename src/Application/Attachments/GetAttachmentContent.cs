using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>An attachment's content, streamed from the store as the client reads it.</summary>
public sealed record GetAttachmentContentQuery(Guid Id) : IRequest<AttachmentContent>;

/// <summary>What the file is and its bytes; the caller disposes <see cref="Content"/> (which frees the database connection).</summary>
public sealed record AttachmentContent(AttachmentDto Attachment, Stream Content);

public sealed class GetAttachmentContentHandler(IAppDbContext db, IAttachmentStore store) : IRequestHandler<GetAttachmentContentQuery, AttachmentContent>
{
    public async Task<AttachmentContent> Handle(GetAttachmentContentQuery request, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                         ?? throw new NotFoundException("Attachment", request.Id);
        return new AttachmentContent(AttachmentDto.From(attachment), await store.OpenContentAsync(attachment.Id, attachment.Length, cancellationToken));
    }
}

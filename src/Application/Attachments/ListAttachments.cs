using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// An owner's attachments, oldest first (at most <see cref="Domain.Attachments.Attachment.MaxPerOwner"/>, so not paged), to a
/// client that may read the owner (<see cref="AttachmentAccess"/>).
/// </summary>
public sealed record ListAttachmentsQuery(AttachmentOwner Owner) : IRequest<IReadOnlyList<AttachmentDto>>;

public sealed class ListAttachmentsHandler(IAppDbContext db, ICurrentClient client) : IRequestHandler<ListAttachmentsQuery, IReadOnlyList<AttachmentDto>>
{
    public async Task<IReadOnlyList<AttachmentDto>> Handle(ListAttachmentsQuery request, CancellationToken cancellationToken)
    {
        await db.EnsureMayReadAttachmentsAsync(request.Owner, client, cancellationToken);
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerKind == request.Owner.Kind && a.OwnerId == request.Owner.Id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return [.. attachments.Select(AttachmentDto.From)];
    }
}

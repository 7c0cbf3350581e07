using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// Store a file for an owner, from the request body as it arrives: refused before anything is read when the declared
/// type is not one the store takes (415), the file name does not carry that type's extension (415) or the declared
/// length is over the cap (413); refused while streaming when the first bytes are not the type's signature (415) or
/// the body passes the cap (413). The bytes and the row are committed together, or nothing is.
/// </summary>
/// <param name="ContentType">The media type the client declares (the request's Content-Type).</param>
/// <param name="DeclaredLength">The request's Content-Length, when it has one.</param>
public sealed record AddAttachmentCommand(AttachmentOwner Owner, string? FileName, string? ContentType, long? DeclaredLength, Stream Content)
    : IRequest<AttachmentDto>;

public sealed class AddAttachmentValidator : AbstractValidator<AddAttachmentCommand>
{
    public AddAttachmentValidator() =>
        RuleFor(x => x.FileName).NotEmpty().Must(n => Attachment.CleanFileName(n) is not null)
            .WithMessage(_ => Localized.Text(
                $"A file name without a folder part or control characters, at most {Attachment.FileNameMaxLength} characters.",
                $"Tên tệp không kèm thư mục, không chứa ký tự điều khiển, tối đa {Attachment.FileNameMaxLength} ký tự."));
}

public sealed class AddAttachmentHandler(IAppDbContext db, IAttachmentStore store, ICurrentClient client, AttachmentLimits limits)
    : IRequestHandler<AddAttachmentCommand, AttachmentDto>
{
    public async Task<AttachmentDto> Handle(AddAttachmentCommand request, CancellationToken cancellationToken)
    {
        var type = AttachmentTypes.Find(request.ContentType) ?? throw new UnsupportedMediaTypeException(request.ContentType, AttachmentTypes.MediaTypes);
        if (request.DeclaredLength > limits.MaxBytes) throw new ContentTooLargeException(limits.MaxBytes);
        var fileName = Attachment.CleanFileName(request.FileName)!;
        if (!type.Names(fileName))
            throw new ContentMismatchException(Localized.Text(
                $"A {type.MediaType} file is named with {string.Join(" or ", type.Extensions)}; '{fileName}' is not.",
                $"Tệp kiểu {type.MediaType} phải có phần mở rộng {string.Join(" hoặc ", type.Extensions)}; '{fileName}' thì không."));

        var owner = request.Owner;
        await db.EnsureMayChangeAttachmentsAsync(owner, client, cancellationToken);
        if (await db.Attachments.CountAsync(a => a.OwnerKind == owner.Kind && a.OwnerId == owner.Id, cancellationToken) >= Attachment.MaxPerOwner)
            throw new DomainException(Localized.Text(
                $"It already has {Attachment.MaxPerOwner} files, the most it may have; delete one first.",
                $"Đã có {Attachment.MaxPerOwner} tệp, số tệp tối đa; hãy xóa bớt một tệp trước."));

        var id = Guid.CreateVersion7();
        await using var upload = new CheckedUpload(request.Content, type, limits.MaxBytes);
        await using var transaction = await store.BeginAsync(cancellationToken);
        await store.WriteContentAsync(id, upload, cancellationToken);
        // Checked again with the owner held: deleted meanwhile (its files went with it) is 404, and a dossier submitted
        // meanwhile is its unit's no longer (409) — the upload then leaves nothing.
        await store.HoldOwnerAsync(owner, cancellationToken);
        await db.EnsureMayChangeAttachmentsAsync(owner, client, cancellationToken);
        var attachment = Attachment.Create(id, owner.Kind, owner.Id, fileName, type, upload.BytesRead, upload.Sha256, client.Name);
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AttachmentDto.From(attachment);
    }
}

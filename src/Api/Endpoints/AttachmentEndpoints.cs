using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Attachments;
using EmulationApi.Domain.Attachments;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EmulationApi.Api.Endpoints;

/// <summary>
/// Attachments: evidence files on a progress report (/api/v1/tasks/{id}/progress/{reportId}/attachments), and any
/// attachment's content and removal by its id (/api/v1/attachments/{id}).
/// </summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/tasks/{id:guid}/progress/{reportId:guid}/attachments").WithTags("Attachments")
            .RequireAuthorization(Policies.Read);
        reports.MapPost("/", AddProgressReportAttachment).WithName(nameof(AddProgressReportAttachment)).RequireAuthorization(Policies.ReportProgress)
            .WithSummary("Attach an evidence file to a progress report")
            .WithDescription("The body is the file itself, its media type the Content-Type: PDF, PNG, JPEG, WebP, TIFF, DOCX, XLSX, PPTX, DOC, XLS, ODT or ODS. "
                             + "The file name (fileName) must carry that type's extension and the content must begin as that type does; else 415. "
                             + "A file over the cap (20 MiB unless configured) is 413, refused from its Content-Length before it is read, or when the body passes the cap. "
                             + "The answer carries the SHA-256 computed while the file was stored. The reporting unit's own client or an editor may attach, while the plan is issued "
                             + "(a closed plan's reports take no files: 409); at most 20 files per report. Nothing is stored unless all of it is.")
            .Accepts<Stream>(false, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        reports.MapGet("/", ListProgressReportAttachments).WithName(nameof(ListProgressReportAttachments))
            .WithSummary("A progress report's evidence files")
            .WithDescription("What each file is (name, type, size, SHA-256, who stored it and when), oldest first; the content is read from /api/v1/attachments/{id}/content.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var attachments = app.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization(Policies.Read);
        attachments.MapGet("/{id:guid}/content", GetAttachmentContent).WithName(nameof(GetAttachmentContent))
            .WithSummary("Download an attachment")
            .WithDescription("The file as stored, streamed, with its Content-Type, Content-Length, Content-Disposition (the file name, RFC 6266 filename* for Vietnamese names), "
                             + "a strong ETag (the SHA-256 in hex) and Repr-Digest (RFC 9530, sha-256). One byte range (Range: bytes=a-b) is answered 206; If-None-Match with the ETag, 304.")
            .Produces<Stream>(StatusCodes.Status200OK, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .Produces<Stream>(StatusCodes.Status206PartialContent, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        attachments.MapDelete("/{id:guid}", DeleteAttachment).WithName(nameof(DeleteAttachment)).RequireAuthorization(Policies.ReportProgress)
            .WithSummary("Remove an attachment")
            .WithDescription("Removes the file and its content. Who may attach to its owner may remove: for a progress report, the reporting unit's own client or an editor, while the plan is issued.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Created<AttachmentDto>> AddProgressReportAttachment(Guid id, Guid reportId, string fileName, HttpRequest request, IMediator mediator,
        CancellationToken ct)
    {
        var attachment = await mediator.Send(new AddAttachmentCommand(
            new AttachmentOwner(AttachmentOwnerKind.ProgressReport, reportId, id), fileName, request.ContentType, request.ContentLength, request.Body), ct);
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}/content", attachment);
    }

    public static async Task<Ok<IReadOnlyList<AttachmentDto>>> ListProgressReportAttachments(Guid id, Guid reportId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAttachmentsQuery(new AttachmentOwner(AttachmentOwnerKind.ProgressReport, reportId, id)), ct));

    public static async Task<FileStreamHttpResult> GetAttachmentContent(Guid id, HttpRequest request, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var (attachment, content) = await mediator.Send(new GetAttachmentContentQuery(id), ct);
        if (RangeNotSatisfiableException.Outside(request, attachment.Length) is { } outside)
        {
            await content.DisposeAsync();
            throw outside;
        }
        // RFC 9530: the digest of the whole representation, also on a 206 that carries part of it.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(attachment.Sha256))}:";
        return TypedResults.Stream(content, attachment.ContentType, attachment.FileName, attachment.CreatedAt,
            new EntityTagHeaderValue(ETags.ForContent(attachment.Sha256)), enableRangeProcessing: true);
    }

    public static async Task<NoContent> DeleteAttachment(Guid id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteAttachmentCommand(id), ct);
        return TypedResults.NoContent();
    }
}

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
/// Attachments: evidence files on a progress report (/api/v1/tasks/{id}/progress/{reportId}/attachments) and papers of a
/// nomination dossier (/api/v1/dossiers/{id}/attachments), and any attachment's content and removal by its id
/// (/api/v1/attachments/{id}).
/// </summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/tasks/{id:guid}/progress/{reportId:guid}/attachments").WithTags("Attachments")
            .RequireAuthorization(Policies.Read);
        reports.MapPost("/", AddProgressReportAttachment).WithName(nameof(AddProgressReportAttachment)).RequireAuthorization(Policies.ReportProgress)
            .WithSummary("Attach an evidence file to a progress report")
            .WithDescription(Upload + "The reporting unit's own client or an editor may attach, while the plan is issued "
                             + "(a closed plan's reports take no files: 409); at most 20 files per report. Nothing is stored unless all of it is.")
            .AcceptsFile();
        reports.MapGet("/", ListProgressReportAttachments).WithName(nameof(ListProgressReportAttachments))
            .WithSummary("A progress report's evidence files")
            .WithDescription("What each file is (name, type, size, SHA-256, who stored it and when), oldest first; the content is read from /api/v1/attachments/{id}/content.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var dossiers = app.MapGroup("/api/v1/dossiers/{id:guid}/attachments").WithTags("Attachments").RequireAuthorization(Policies.Nominate);
        dossiers.MapPost("/", AddDossierAttachment).WithName(nameof(AddDossierAttachment))
            .WithSummary("Attach a file to a nomination dossier")
            .WithDescription(Upload + "The proposing unit's own client may attach while the dossier is a draft or returned for completion; editors and admins until it is decided "
                             + "(e.g. the council's minutes); 409 otherwise, 403 for another unit's client; at most 20 files per dossier. Nothing is stored unless all of it is.")
            .AcceptsFile();
        dossiers.MapGet("/", ListDossierAttachments).WithName(nameof(ListDossierAttachments))
            .WithSummary("A nomination dossier's files")
            .WithDescription("What each file is (name, type, size, SHA-256, who stored it and when), oldest first; the content is read from /api/v1/attachments/{id}/content. "
                             + "A unit client may read its own unit's dossiers' files only (403 otherwise).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var attachments = app.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization(Policies.Read);
        attachments.MapGet("/{id:guid}/content", GetAttachmentContent).WithName(nameof(GetAttachmentContent))
            .WithSummary("Download an attachment")
            .WithDescription("The file as stored, streamed, with its Content-Type, Content-Length, Content-Disposition (the file name, RFC 6266 filename* for Vietnamese names), "
                             + "a strong ETag (the SHA-256 in hex) and Repr-Digest (RFC 9530, sha-256). One byte range (Range: bytes=a-b) is answered 206; If-None-Match with the ETag, 304. "
                             + "Only to a client that may read the owner: a progress report's files to every client that reads tasks, a dossier's to admins, editors and the proposing unit's own client (403 otherwise).")
            .Produces<Stream>(StatusCodes.Status200OK, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .Produces<Stream>(StatusCodes.Status206PartialContent, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        attachments.MapDelete("/{id:guid}", DeleteAttachment).WithName(nameof(DeleteAttachment)).RequireAuthorization(Policies.ReportProgress)
            .WithSummary("Remove an attachment")
            .WithDescription("Removes the file and its content. Who may attach to its owner may remove: for a progress report, the reporting unit's own client or an editor, while the plan is issued; "
                             + "for a dossier, the proposing unit's own client while it is a draft or returned, editors and admins until it is decided.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private const string Upload = "The body is the file itself, its media type the Content-Type: PDF, PNG, JPEG, WebP, TIFF, DOCX, XLSX, PPTX, DOC, XLS, ODT or ODS. "
                                  + "The file name (fileName) must carry that type's extension and the content must begin as that type does; else 415. "
                                  + "A file over the cap (20 MiB unless configured) is 413, refused from its Content-Length before it is read, or when the body passes the cap. "
                                  + "The answer carries the SHA-256 computed while the file was stored. ";

    /// <summary>An upload's body: the file itself in one of the store's types, streamed past the server's body limit (the use case counts it).</summary>
    private static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder route) =>
        route.Accepts<Stream>(false, AttachmentTypes.MediaTypes[0], [.. AttachmentTypes.MediaTypes.Skip(1)])
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static Task<Created<AttachmentDto>> AddProgressReportAttachment(Guid id, Guid reportId, string fileName, HttpRequest request, IMediator mediator,
        CancellationToken ct) =>
        Add(new AttachmentOwner(AttachmentOwnerKind.ProgressReport, reportId, id), fileName, request, mediator, ct);

    public static async Task<Ok<IReadOnlyList<AttachmentDto>>> ListProgressReportAttachments(Guid id, Guid reportId, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAttachmentsQuery(new AttachmentOwner(AttachmentOwnerKind.ProgressReport, reportId, id)), ct));

    public static Task<Created<AttachmentDto>> AddDossierAttachment(Guid id, string fileName, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        Add(new AttachmentOwner(AttachmentOwnerKind.Dossier, id), fileName, request, mediator, ct);

    public static async Task<Ok<IReadOnlyList<AttachmentDto>>> ListDossierAttachments(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAttachmentsQuery(new AttachmentOwner(AttachmentOwnerKind.Dossier, id)), ct));

    private static async Task<Created<AttachmentDto>> Add(AttachmentOwner owner, string fileName, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var attachment = await mediator.Send(new AddAttachmentCommand(owner, fileName, request.ContentType, request.ContentLength, request.Body), ct);
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}/content", attachment);
    }

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

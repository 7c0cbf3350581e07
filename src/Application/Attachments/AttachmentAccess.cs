using EmulationApi.Application.Commendation;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// Who may read an owner's attachments and who may add or remove them, per kind of owner: the owner's own rules decide,
/// so that a file is never easier to reach by its id than its owner is.
/// </summary>
public static class AttachmentAccess
{
    /// <summary>
    /// The owner exists (404, so that listing a missing owner's files is not an empty list) and this client may read it:
    /// a progress report, and so its evidence, by every client that reads tasks (the endpoints' policy); a dossier by
    /// admins, editors and the proposing unit's own client (403 for another unit's client and for readers, as the
    /// dossier itself answers them).
    /// </summary>
    public static async Task EnsureMayReadAttachmentsAsync(this IAppDbContext db, AttachmentOwner owner, ICurrentClient client, CancellationToken ct)
    {
        switch (owner.Kind)
        {
            case AttachmentOwnerKind.ProgressReport:
                if (!await db.ProgressReports.AnyAsync(r => r.Id == owner.Id && (owner.ParentId == null || r.TaskId == owner.ParentId), ct))
                    throw new NotFoundException("Progress report", owner.Id);
                return;
            case AttachmentOwnerKind.Dossier:
                client.EnsureMayRead((await db.DossierOfAsync(owner.Id, ct)).UnitCode);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "An owner kind without access rules.");
        }
    }

    /// <summary>
    /// The owner exists (404) and this client may change its files. A progress report's: the reporting unit's own
    /// client or an editor (a unit client of another unit gets 403, as when it reports for another unit), on a plan that
    /// still takes progress (409 once it is closed). A dossier's: the proposing unit's own client while the dossier is
    /// its to complete (a draft, or returned), editors and admins until it is decided (the council's minutes); 409 in
    /// any other status, 403 for another unit's client.
    /// </summary>
    public static async Task EnsureMayChangeAttachmentsAsync(this IAppDbContext db, AttachmentOwner owner, ICurrentClient client, CancellationToken ct)
    {
        switch (owner.Kind)
        {
            case AttachmentOwnerKind.ProgressReport:
                var report = await db.ProgressReports.AsNoTracking()
                                 .Where(r => r.Id == owner.Id && (owner.ParentId == null || r.TaskId == owner.ParentId))
                                 .Select(r => new { UnitCode = r.ReportingUnit!.Code, r.TaskId })
                                 .FirstOrDefaultAsync(ct)
                             ?? throw new NotFoundException("Progress report", owner.Id);
                if (client.UnitCode is { } own && !string.Equals(own, report.UnitCode, StringComparison.OrdinalIgnoreCase))
                    throw new ForbiddenException(Localized.Text(
                        $"This client reports for {own}; the report is {report.UnitCode}'s.",
                        $"Ứng dụng này báo cáo cho {own}; báo cáo này là của {report.UnitCode}."));
                var plan = await db.Tasks.AsNoTracking().Where(t => t.Id == report.TaskId).Select(t => t.Plan!).FirstAsync(ct);
                plan.EnsureAcceptsProgress();
                return;
            case AttachmentOwnerKind.Dossier:
                var dossier = await db.DossierOfAsync(owner.Id, ct);
                client.EnsureMayRead(dossier.UnitCode);
                EnsureDossierTakesFiles(dossier.Status, byItsUnit: client.UnitCode is not null);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "An owner kind without access rules.");
        }
    }

    private sealed record DossierOwner(DossierStatus Status, string UnitCode);

    private static async Task<DossierOwner> DossierOfAsync(this IAppDbContext db, Guid id, CancellationToken ct) =>
        await (from d in db.Dossiers.AsNoTracking()
               where d.Id == id
               join u in db.Units on d.ProposingUnitId equals u.Id
               select new DossierOwner(d.Status, u.Code)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("Dossier", id);

    /// <summary>
    /// The proposing unit completes its dossier's papers while the dossier is its to change (a draft, or returned for
    /// completion); the appraising body adds its own (the council's minutes) until the decision, after which the
    /// files are part of the record.
    /// </summary>
    private static void EnsureDossierTakesFiles(DossierStatus status, bool byItsUnit)
    {
        if (byItsUnit && status is not (DossierStatus.Draft or DossierStatus.Returned))
            throw new DomainException(Localized.Text(
                $"A dossier that is {status} is no longer its unit's to change: its files can be added or removed only while it is a draft or returned.",
                $"Hồ sơ đang ở trạng thái {status}, đơn vị không còn được sửa: chỉ thêm hoặc xóa tệp đính kèm khi hồ sơ là dự thảo hoặc bị trả lại."));
        if (status == DossierStatus.Decided)
            throw new DomainException(Localized.Text(
                "A decided dossier's files are part of the record: none can be added or removed.",
                "Hồ sơ đã có quyết định: tệp đính kèm là một phần của hồ sơ lưu, không thể thêm hoặc xóa."));
    }
}

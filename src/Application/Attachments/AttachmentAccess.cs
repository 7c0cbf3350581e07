using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// Who may add or remove an owner's attachments, per kind of owner. Reading them follows the owner: a progress report,
/// and so its evidence, is read by every client that reads tasks (the endpoint's policy).
/// </summary>
public static class AttachmentAccess
{
    /// <summary>
    /// The owner exists (404) and this client may change its files: for a progress report, the reporting unit's own
    /// client or an editor (a unit client of another unit gets 403, as when it reports for another unit), on a plan that
    /// still takes progress (409 once it is closed).
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
            default:
                throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "An owner kind without access rules.");
        }
    }

    /// <summary>The owner exists: 404 otherwise, so that listing a missing owner's files is not an empty list.</summary>
    public static async Task EnsureOwnerExistsAsync(this IAppDbContext db, AttachmentOwner owner, CancellationToken ct)
    {
        var exists = owner.Kind switch
        {
            AttachmentOwnerKind.ProgressReport => await db.ProgressReports.AnyAsync(r => r.Id == owner.Id && (owner.ParentId == null || r.TaskId == owner.ParentId), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "An owner kind without access rules."),
        };
        if (!exists) throw new NotFoundException(owner.Kind == AttachmentOwnerKind.ProgressReport ? "Progress report" : owner.Kind.ToString(), owner.Id);
    }
}

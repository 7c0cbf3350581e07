using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Domain.Access;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>
/// Who may see and touch a dossier: editors and admins any; a unit client only the dossiers its own unit proposes —
/// another unit's is 403 with the reason, as everywhere a unit client reaches past its unit (progress reports, the work
/// list).
/// </summary>
public static class DossierAccess
{
    /// <summary>Refuses a unit client acting for another unit than <paramref name="proposingUnitCode"/>.</summary>
    public static void EnsureMayActFor(this ICurrentClient client, string proposingUnitCode)
    {
        if (client.UnitCode is { } own && !string.Equals(own, proposingUnitCode.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException(Localized.Text(
                $"This client acts for {own}; it may not see or act on the dossiers of {proposingUnitCode.Trim()}.",
                $"Khóa này đại diện cho {own}; không được xem hay thao tác trên hồ sơ đề nghị khen thưởng của {proposingUnitCode.Trim()}."));
    }

    /// <summary>
    /// Refuses a client that may not read a dossier of <paramref name="proposingUnitCode"/>: a client that is neither an
    /// admin, an editor nor a unit client (the portal's readers: dossiers hold personal data) and a unit client of another
    /// unit — both 403, as the dossier's own operations answer them (the policy and <see cref="EnsureMayActFor"/>).
    /// For a use case reached under a wider policy than the dossiers' own, such as a dossier's attachment by its id.
    /// </summary>
    public static void EnsureMayRead(this ICurrentClient client, string proposingUnitCode)
    {
        if (!client.IsIn(ClientRole.Admin) && !client.IsIn(ClientRole.Editor) && !client.IsIn(ClientRole.Unit))
            throw new ForbiddenException(Localized.Text(
                "Nomination dossiers hold personal data: only admins, editors and the proposing unit's own clients read them.",
                "Hồ sơ đề nghị khen thưởng chứa dữ liệu cá nhân: chỉ quản trị, biên tập viên và đơn vị đề nghị được xem."));
        client.EnsureMayActFor(proposingUnitCode);
    }

    /// <summary>Loads a dossier to change it (404 when absent), refusing a unit client outside its unit (403) and a stale If-Match (412).</summary>
    public static async Task<Dossier> LoadForWriteAsync(this IAppDbContext db, ICurrentClient client, Guid id, ExpectedVersion? expected, CancellationToken ct)
    {
        var dossier = await db.Dossiers.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("Dossier", id);
        if (client.UnitCode is not null)
            client.EnsureMayActFor(await db.Units.Where(u => u.Id == dossier.ProposingUnitId).Select(u => u.Code).FirstAsync(ct));
        dossier.EnsureVersion(expected);
        return dossier;
    }

    /// <summary>Who is taking a step: the client's name and unit, the day (today by default, never later) and the document.</summary>
    public static StepRecord Record(this ICurrentClient client, DateOnly? date, DateOnly today, string? documentReference, string? note = null)
    {
        var day = date ?? today;
        Dates.EnsureNotInFuture(day, today, Localized.Text("A dossier's step", "Bước xử lý hồ sơ"));
        return new StepRecord(day, client.Name, client.UnitCode, documentReference, note);
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A nomination dossier (hồ sơ đề nghị khen thưởng).</summary>
/// <param name="ProposingUnit">The unit that proposes (id, code, name, kind).</param>
/// <param name="Period">The period within the year, when not the whole year.</param>
/// <param name="MovementId">The movement the dossier comes from, if any.</param>
/// <param name="ClusterId">The cluster or bloc whose ranking the dossier comes from (its flag proposal), if any; a cluster belongs to one year.</param>
/// <param name="ReceivedOn">The day of the latest receipt: the appraisal's processing limit runs from it.</param>
/// <param name="AppraisalDueOn">While received or under appraisal: the last day of the processing limit (receipt + Commendation:AppraisalDays).</param>
/// <param name="Overdue">True while received or under appraisal past appraisalDueOn on the reference date (asOf, by default today).</param>
/// <param name="ResubmitBy">While returned for completion: the day to resubmit by.</param>
/// <param name="CouncilSessionId">The council session that takes up (or took up) the dossier, if any.</param>
/// <param name="Steps">The lifecycle steps taken, in order: who (the client's name and unit), the day, the document, a note (a return's reason).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record DossierDto(
    Guid Id,
    UnitRefDto ProposingUnit,
    int Year,
    string? Period,
    CommendationType Type,
    Guid? MovementId,
    Guid? ClusterId,
    DossierStatus Status,
    DateOnly? ReceivedOn,
    DateOnly? AppraisalDueOn,
    bool Overdue,
    DateOnly? ResubmitBy,
    Guid? CouncilSessionId,
    IReadOnlyList<NomineeDto> Nominees,
    IReadOnlyList<DossierStep> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>A nominee of a dossier.</summary>
/// <param name="Unit">The registry unit: the nominee itself (Unit), the unit a small collective belongs to, or a person's unit.</param>
/// <param name="Name">A small collective's name or a person's full name; null for a unit.</param>
/// <param name="CollectiveKind">A small collective's kind.</param>
/// <param name="Position">A person's position (chức vụ).</param>
/// <param name="Category">A person's category: direct worker, farmer, leader/manager, other.</param>
/// <param name="Award">The title or form asked for.</param>
/// <param name="CouncilOutcome">Once the council session that considered it concluded: Recommended or NotRecommended. The decision may differ; both are kept.</param>
/// <param name="CouncilReason">Why the council did not recommend the nominee.</param>
/// <param name="Outcome">Once decided: Approved or NotApproved.</param>
/// <param name="OutcomeReason">Why a nominee was not approved (or a note on an approval).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record NomineeDto(Guid Id, NomineeKind Kind, UnitRefDto Unit, string? Name, SmallCollectiveKind? CollectiveKind, string? Position,
    NomineeCategory? Category, NomineeAwardDto Award, string Achievements, CouncilOutcome? CouncilOutcome, string? CouncilReason, NomineeOutcome? Outcome, string? OutcomeReason);

/// <summary>The award a nominee is proposed for, as the catalog names it.</summary>
public sealed record NomineeAwardDto(Guid Id, string Code, string Name, AwardRecipient Recipient, GrantingLevel Level);

/// <summary>A dossier as stored, before its units and awards are named.</summary>
public sealed record DossierRow(Guid Id, Guid ProposingUnitId, int Year, string? Period, CommendationType Type, Guid? MovementId, Guid? ClusterId,
    DossierStatus Status, DateOnly? ReceivedOn, DateOnly? ResubmitBy, Guid? CouncilSessionId, IReadOnlyList<Nominee> Nominees, IReadOnlyList<DossierStep> Steps,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);

// Hand-written: rows first, then the units and awards of the whole page named with one query each (never one per dossier).
public static class DossierProjections
{
    public static IQueryable<DossierRow> ToRows(this IQueryable<Dossier> dossiers) =>
        dossiers.Select(d => new DossierRow(d.Id, d.ProposingUnitId, d.Year, d.Period, d.Type, d.MovementId, d.ClusterId, d.Status, d.ReceivedOn,
            d.ResubmitBy, d.CouncilSessionId, d.Nominees.OrderBy(n => n.Sequence).ToList(), d.Steps, d.CreatedAt, d.UpdatedAt, d.Version));

    /// <summary>Whether a dossier is waiting on its appraisal: received or under appraisal.</summary>
    public static bool InAppraisal(DossierStatus status) => status is DossierStatus.Received or DossierStatus.UnderAppraisal;

    /// <summary>Reads the one dossier of the query, named; null when there is none.</summary>
    public static async Task<DossierDto?> ReadNamedAsync(this IQueryable<Dossier> dossiers, IAppDbContext db, CommendationSettings settings, DateOnly asOf, CancellationToken ct) =>
        await dossiers.ToRows().FirstOrDefaultAsync(ct) is { } row ? (await db.NameAsync([row], settings, asOf, ct))[0] : null;

    public static async Task<IReadOnlyList<DossierDto>> NameAsync(this IAppDbContext db, IReadOnlyList<DossierRow> rows, CommendationSettings settings, DateOnly asOf, CancellationToken ct)
    {
        var unitIds = rows.Select(r => r.ProposingUnitId).Concat(rows.SelectMany(r => r.Nominees).Select(n => n.UnitId)).Distinct().ToList();
        var awardIds = rows.SelectMany(r => r.Nominees).Select(n => n.AwardId).Distinct().ToList();
        var units = rows.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new UnitRefDto(u.Id, u.Code, u.Name, u.Kind)).ToDictionaryAsync(u => u.Id, ct);
        var awards = awardIds.Count == 0 ? [] : await db.Awards.AsNoTracking().Where(a => awardIds.Contains(a.Id))
            .Select(a => new NomineeAwardDto(a.Id, a.Code, a.Name, a.Recipient, a.Level)).ToDictionaryAsync(a => a.Id, ct);
        return [.. rows.Select(r =>
        {
            DateOnly? due = InAppraisal(r.Status) && r.ReceivedOn is { } received ? received.AddDays(settings.AppraisalDays) : null;
            return new DossierDto(r.Id, units[r.ProposingUnitId], r.Year, r.Period, r.Type, r.MovementId, r.ClusterId, r.Status, r.ReceivedOn,
                due, due is { } d && asOf > d, r.ResubmitBy, r.CouncilSessionId,
                [.. r.Nominees.Select(n => new NomineeDto(n.Id, n.Kind, units[n.UnitId], n.Name, n.CollectiveKind, n.Position, n.Category,
                    awards[n.AwardId], n.Achievements, n.CouncilOutcome, n.CouncilReason, n.Outcome, n.OutcomeReason))],
                r.Steps, r.CreatedAt, r.UpdatedAt, r.Version);
        })];
    }
}

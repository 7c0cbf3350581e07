using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>What the nominations report counts by.</summary>
public enum NominationReportGroup
{
    Award,
    Level,
    Type,
    NomineeCategory,
    ProposingUnit,
    Year,
    /// <summary>The quarter of the dossier's first submission ("2026-Q1").</summary>
    Quarter,
}

/// <summary>
/// One group of the nominations report: the nominees of submitted dossiers in it, how many were approved, and the
/// groups the 2026 plan asks to favour (seed line 32: "tập thể nhỏ, công nhân, nông dân, người lao động trực tiếp sản
/// xuất") — direct workers, farmers and small collectives — with their share of the nominees.
/// </summary>
/// <param name="Key">The group: an award or unit code, a level, type, category (None: units and small collectives), year, or
/// quarter of the first submission ("2026-Q1").</param>
/// <param name="Name">The award's or unit's name; null for the other groupings.</param>
/// <param name="FavouredShare">(DirectWorkers + Farmers + SmallCollectives) ÷ Nominees, to 4 decimals.</param>
public sealed record NominationReportRowDto(
    string Key,
    string? Name,
    int Nominees,
    int Approved,
    int DirectWorkers,
    int Farmers,
    int SmallCollectives,
    decimal FavouredShare);

/// <summary>The nominations report: one row per group, and the total.</summary>
/// <param name="Total">All the rows together.</param>
public sealed record NominationReportDto(NominationReportGroup GroupBy, IReadOnlyList<NominationReportRowDto> Rows, NominationReportRowDto Total);

/// <summary>
/// Counts of the nominees of dossiers submitted at least once (a draft is not yet a nomination; a dossier returned and
/// submitted again is one nomination, counted once, in the quarter of its first submission), grouped by one dimension,
/// with filters year, proposing unit, the nominee's unit, award and commendation type; rows in key order.
/// </summary>
/// <param name="GroupBy">Award, Level, Type, NomineeCategory, ProposingUnit, Year or Quarter (of the first submission).</param>
/// <param name="Year">Only the dossiers of this year.</param>
/// <param name="ProposingUnitCode">Only the dossiers this unit proposed.</param>
/// <param name="UnitCode">Only the nominees of this unit: the unit itself, its small collectives and its people.</param>
/// <param name="AwardCode">Only the nominees proposed for this catalog entry.</param>
/// <param name="Type">Only the dossiers of this commendation type.</param>
public sealed record GetNominationReportQuery(
    NominationReportGroup GroupBy = NominationReportGroup.Award,
    int? Year = null,
    string? ProposingUnitCode = null,
    string? UnitCode = null,
    string? AwardCode = null,
    CommendationType? Type = null) : IRequest<NominationReportDto>;

public sealed class GetNominationReportValidator : AbstractValidator<GetNominationReportQuery>
{
    public GetNominationReportValidator()
    {
        RuleFor(x => x.GroupBy).IsInEnum();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.ProposingUnitCode).OptionalUnitCode();
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Type).IsInEnum();
    }
}

public sealed class GetNominationReportHandler(IAppDbContext db) : IRequestHandler<GetNominationReportQuery, NominationReportDto>
{
    private sealed record Cell(Guid AwardId, GrantingLevel Level, CommendationType Type, Guid ProposingUnitId, int Year,
        int SubmittedYear, int SubmittedQuarter, NomineeCategory? Category, NomineeKind Kind, bool Approved, int Count);

    public async Task<NominationReportDto> Handle(GetNominationReportQuery request, CancellationToken cancellationToken)
    {
        // Submitted at least once: a draft is not yet a nomination; a returned dossier still is one.
        var dossiers = db.Dossiers.AsNoTracking().Where(d => d.SubmittedOn != null);
        if (request.Year is { } year) dossiers = dossiers.Where(d => d.Year == year);
        if (request.Type is { } type) dossiers = dossiers.Where(d => d.Type == type);
        if (Text.Clean(request.ProposingUnitCode) is { } proposingCode)
        {
            var unit = await db.Units.ResolveCodeAsync("proposingUnitCode", proposingCode, cancellationToken);
            dossiers = dossiers.Where(d => d.ProposingUnitId == unit.Id);
        }
        Guid? nomineeUnitId = Text.Clean(request.UnitCode) is { } unitCode ? (await db.Units.ResolveCodeAsync("unitCode", unitCode, cancellationToken)).Id : null;
        var awardKey = Text.Clean(request.AwardCode) is { } awardCode ? AwardQueries.CodeKey(awardCode) : null;
        var nominees =
            from d in dossiers
            from n in d.Nominees
            join a in db.Awards on n.AwardId equals a.Id
            where (nomineeUnitId == null || n.UnitId == nomineeUnitId) && (awardKey == null || a.Code == awardKey)
            select new
            {
                n.AwardId, a.Level, d.Type, d.ProposingUnitId, d.Year, SubmittedYear = d.SubmittedOn!.Value.Year,
                SubmittedQuarter = (d.SubmittedOn!.Value.Month + 2) / 3, n.Category, n.Kind, Approved = n.Outcome == NomineeOutcome.Approved,
            };
        // The database folds the nominees into the few distinct cells; the chosen grouping folds the cells here.
        var cells = await nominees
            .GroupBy(n => new { n.AwardId, n.Level, n.Type, n.ProposingUnitId, n.Year, n.SubmittedYear, n.SubmittedQuarter, n.Category, n.Kind, n.Approved })
            .Select(g => new Cell(g.Key.AwardId, g.Key.Level, g.Key.Type, g.Key.ProposingUnitId, g.Key.Year, g.Key.SubmittedYear, g.Key.SubmittedQuarter,
                g.Key.Category, g.Key.Kind, g.Key.Approved, g.Count()))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(request.GroupBy, cells, cancellationToken);
        var rows = cells
            .GroupBy(c => KeyOf(request.GroupBy, c, names))
            .Select(g => Row(g.Key.Key, g.Key.Name, g))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new NominationReportDto(request.GroupBy, rows, Row("Total", null, cells));
    }

    private async Task<Dictionary<Guid, (string Code, string Name)>> NamesAsync(NominationReportGroup groupBy, List<Cell> cells, CancellationToken ct)
    {
        if (groupBy == NominationReportGroup.Award)
        {
            var ids = cells.Select(c => c.AwardId).Distinct().ToList();
            return await db.Awards.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), ct);
        }
        if (groupBy == NominationReportGroup.ProposingUnit)
        {
            var ids = cells.Select(c => c.ProposingUnitId).Distinct().ToList();
            return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);
        }
        return [];
    }

    private static (string Key, string? Name) KeyOf(NominationReportGroup groupBy, Cell cell, Dictionary<Guid, (string Code, string Name)> names) => groupBy switch
    {
        NominationReportGroup.Award => names[cell.AwardId],
        NominationReportGroup.ProposingUnit => names[cell.ProposingUnitId],
        NominationReportGroup.Level => (cell.Level.ToString(), null),
        NominationReportGroup.Type => (cell.Type.ToString(), null),
        NominationReportGroup.NomineeCategory => (cell.Category?.ToString() ?? ReportKeys.None, null),
        NominationReportGroup.Quarter => (ReportKeys.Quarter(cell.SubmittedYear, cell.SubmittedQuarter), null),
        _ => (cell.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
    };

    private static NominationReportRowDto Row(string key, string? name, IEnumerable<Cell> cells)
    {
        int nominees = 0, approved = 0, workers = 0, farmers = 0, small = 0;
        foreach (var c in cells)
        {
            nominees += c.Count;
            if (c.Approved) approved += c.Count;
            if (c.Category == NomineeCategory.DirectWorker) workers += c.Count;
            if (c.Category == NomineeCategory.Farmer) farmers += c.Count;
            if (c.Kind == NomineeKind.SmallCollective) small += c.Count;
        }
        var share = nominees == 0 ? 0m : Math.Round((decimal)(workers + farmers + small) / nominees, 4, MidpointRounding.AwayFromZero);
        return new NominationReportRowDto(key, name, nominees, approved, workers, farmers, small, share);
    }
}

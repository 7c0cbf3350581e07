using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>What the awards report counts by.</summary>
public enum AwardReportGroup
{
    Award,
    Level,
    Unit,
    Year,
    Quarter,
    /// <summary>The commendation type of the dossier whose decision wrote the line; None for history.</summary>
    Type,
    /// <summary>The unit that proposed the dossier whose decision wrote the line; None for history.</summary>
    ProposingUnit,
}

/// <summary>One group of the awards report: the register's lines in it, to people and to collectives.</summary>
/// <param name="Key">An award or unit code, a level, a year, a quarter of the decision date ("2026-Q1"), a commendation type
/// or a proposing unit's code (None: lines entered as history, which no dossier wrote).</param>
/// <param name="Name">The award's or unit's name; null for the other groupings.</param>
public sealed record AwardReportRowDto(string Key, string? Name, int Awards, int Individuals, int Collectives);

/// <summary>The awards report: one row per group, and the total.</summary>
public sealed record AwardReportDto(AwardReportGroup GroupBy, IReadOnlyList<AwardReportRowDto> Rows, AwardReportRowDto Total);

/// <summary>
/// Counts of the award register's lines (decided through the system and entered as history) by one dimension; filters
/// year, proposing unit and commendation type (of the deciding dossier: history lines have neither), unit (its own awards
/// and its people's), award; rows in key order.
/// </summary>
/// <param name="GroupBy">Award, Level, Unit, Year, Quarter (of the decision date), Type or ProposingUnit (of the dossier).</param>
/// <param name="Year">Only the awards counted for this year.</param>
/// <param name="ProposingUnitCode">Only the lines written by the decisions on this unit's dossiers.</param>
/// <param name="UnitCode">Only this unit's awards and its people's.</param>
/// <param name="AwardCode">Only the awards of this catalog entry.</param>
/// <param name="Type">Only the lines written by the decisions on dossiers of this commendation type.</param>
public sealed record GetAwardReportQuery(
    AwardReportGroup GroupBy = AwardReportGroup.Award,
    int? Year = null,
    string? ProposingUnitCode = null,
    string? UnitCode = null,
    string? AwardCode = null,
    CommendationType? Type = null) : IRequest<AwardReportDto>;

public sealed class GetAwardReportValidator : AbstractValidator<GetAwardReportQuery>
{
    public GetAwardReportValidator()
    {
        RuleFor(x => x.GroupBy).IsInEnum();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.ProposingUnitCode).OptionalUnitCode();
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Type).IsInEnum();
    }
}

public sealed class GetAwardReportHandler(IAppDbContext db) : IRequestHandler<GetAwardReportQuery, AwardReportDto>
{
    private sealed record Cell(Guid AwardId, GrantingLevel Level, Guid UnitId, int Year, int DecisionYear, int DecisionQuarter, bool Individual,
        CommendationType? Type, Guid? ProposingUnitId, int Count);

    public async Task<AwardReportDto> Handle(GetAwardReportQuery request, CancellationToken cancellationToken)
    {
        var records = db.AwardRecords.AsNoTracking();
        if (request.Year is { } year) records = records.Where(r => r.Year == year);
        if (Text.Clean(request.UnitCode) is { } unitCode)
        {
            var unit = await db.Units.ResolveCodeAsync("unitCode", unitCode, cancellationToken);
            records = records.Where(r => r.UnitId == unit.Id);
        }
        Guid? proposingUnitId = Text.Clean(request.ProposingUnitCode) is { } proposingCode
            ? (await db.Units.ResolveCodeAsync("proposingUnitCode", proposingCode, cancellationToken)).Id : null;
        var type = request.Type;
        var awardKey = Text.Clean(request.AwardCode) is { } awardCode ? AwardQueries.CodeKey(awardCode) : null;
        // A line entered as history has no dossier: it has no type nor proposing unit, and a filter on them leaves it out.
        var lines =
            from r in records
            join a in db.Awards on r.AwardId equals a.Id
            from d in db.Dossiers.Where(d => d.Id == r.DossierId).DefaultIfEmpty()
            where (awardKey == null || a.Code == awardKey)
                && (type == null || d!.Type == type)
                && (proposingUnitId == null || d!.ProposingUnitId == proposingUnitId)
            select new
            {
                r.AwardId, a.Level, r.UnitId, r.Year, DecisionYear = r.DecisionDate.Year, DecisionQuarter = (r.DecisionDate.Month + 2) / 3,
                Individual = r.PersonName != null, Type = (CommendationType?)d!.Type, ProposingUnitId = (Guid?)d!.ProposingUnitId,
            };
        // The database folds the lines into the few distinct cells; the chosen grouping folds the cells here.
        var cells = await lines
            .GroupBy(l => new { l.AwardId, l.Level, l.UnitId, l.Year, l.DecisionYear, l.DecisionQuarter, l.Individual, l.Type, l.ProposingUnitId })
            .Select(g => new Cell(g.Key.AwardId, g.Key.Level, g.Key.UnitId, g.Key.Year, g.Key.DecisionYear, g.Key.DecisionQuarter, g.Key.Individual,
                g.Key.Type, g.Key.ProposingUnitId, g.Count()))
            .ToListAsync(cancellationToken);
        var names = request.GroupBy switch
        {
            AwardReportGroup.Award => await NamesOfAwards(cells.Select(c => c.AwardId).Distinct().ToList(), cancellationToken),
            AwardReportGroup.Unit => await NamesOfUnits(cells.Select(c => c.UnitId).Distinct().ToList(), cancellationToken),
            AwardReportGroup.ProposingUnit => await NamesOfUnits(cells.Where(c => c.ProposingUnitId is not null).Select(c => c.ProposingUnitId!.Value).Distinct().ToList(), cancellationToken),
            _ => [],
        };
        var rows = cells
            .GroupBy(c => KeyOf(request.GroupBy, c, names))
            .Select(g => Row(g.Key.Key, g.Key.Name, g))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new AwardReportDto(request.GroupBy, rows, Row("Total", null, cells));
    }

    private Task<Dictionary<Guid, (string Code, string Name)>> NamesOfAwards(List<Guid> ids, CancellationToken ct) =>
        db.Awards.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), ct);

    private Task<Dictionary<Guid, (string Code, string Name)>> NamesOfUnits(List<Guid> ids, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);

    private static (string Key, string? Name) KeyOf(AwardReportGroup groupBy, Cell cell, Dictionary<Guid, (string Code, string Name)> names) => groupBy switch
    {
        AwardReportGroup.Award => names[cell.AwardId],
        AwardReportGroup.Unit => names[cell.UnitId],
        AwardReportGroup.Level => (cell.Level.ToString(), null),
        AwardReportGroup.Quarter => (ReportKeys.Quarter(cell.DecisionYear, cell.DecisionQuarter), null),
        AwardReportGroup.Type => (cell.Type?.ToString() ?? ReportKeys.None, null),
        AwardReportGroup.ProposingUnit => cell.ProposingUnitId is { } id ? names[id] : (ReportKeys.None, (string?)null),
        _ => (cell.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
    };

    private static AwardReportRowDto Row(string key, string? name, IEnumerable<Cell> cells)
    {
        int awards = 0, individuals = 0;
        foreach (var c in cells)
        {
            awards += c.Count;
            if (c.Individual) individuals += c.Count;
        }
        return new AwardReportRowDto(key, name, awards, individuals, awards - individuals);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using FluentValidation;
using FluentValidation.Results;

namespace EmulationApi.Application.Obligations;

/// <summary>The filters the work list and the scorecard share.</summary>
public interface IObligationFilter
{
    string? UnitCode { get; }
    Guid? PlanId { get; }
    int? Year { get; }
    int? Quarter { get; }
    int? Month { get; }
    AssigneeRole? Role { get; }
    ProgressStatus? Status { get; }
    Timeliness? Timeliness { get; }
    DateTimeOffset? ChangedSince { get; }
    DateOnly? AsOf { get; }
}

public sealed class ObligationFilterValidator : AbstractValidator<IObligationFilter>
{
    public ObligationFilterValidator()
    {
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Quarter).InclusiveBetween(1, 4);
        RuleFor(x => x.Month).InclusiveBetween(1, 12);
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Timeliness).IsInEnum();
        RuleFor(x => x.ChangedSince).InDateRange();
        RuleFor(x => x.AsOf).InDateRange();
    }
}

public static class ObligationFiltering
{
    /// <summary>
    /// The unit a request is about and the change marker (<see cref="ChangeMarker"/>), read in one statement, with the
    /// rule for unit clients: they read their own unit's obligations only — the work list must name it (400 without
    /// unitCode when <paramref name="required"/>), another unit is 403. The unit is null when none is named; an unknown
    /// code is a 400 on unitCode, the failure every unit-code lookup gives (<see cref="UnitCodeLookup.UnknownCode"/>).
    /// </summary>
    public static async Task<(ChangeMarker Changes, Guid? UnitId)> ReadUnitScopeAndChangesAsync(this IAppDbContext db, ICurrentClient client,
        string? unitCode, bool required, CancellationToken ct)
    {
        var code = Text.Clean(unitCode);
        if (client.UnitCode is { } own)
        {
            if (code is null)
            {
                if (!required) return (await db.ReadChangeMarkerAsync(ct), null);
                throw new ValidationException([new ValidationFailure("unitCode", Localized.Text($"A unit client reads its own work list: add unitCode={own}.", $"Khóa của đơn vị chỉ đọc danh sách công việc của chính đơn vị: hãy thêm unitCode={own}."))]);
            }
            EnsureOwnUnit(client, code);
        }
        if (code is null) return (await db.ReadChangeMarkerAsync(ct), null);
        var (changes, unitId) = await db.ReadChangeMarkerAsync(UnitCodeLookup.Key(code), ct);
        return unitId is null ? throw new ValidationException([UnitCodeLookup.UnknownCode("unitCode", code)]) : (changes, unitId);
    }

    /// <summary>A unit client may see only its own unit's obligations (403 otherwise); other clients see any.</summary>
    public static void EnsureOwnUnit(this ICurrentClient client, string unitCode)
    {
        if (client.UnitCode is { } own && !string.Equals(own, unitCode.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException(Localized.Text(
                $"This client acts for {own}; it may not read the obligations of {unitCode.Trim()}.",
                $"Khóa này đại diện cho {own}; không được đọc trách nhiệm thực hiện nhiệm vụ của {unitCode.Trim()}."));
    }

    /// <summary>Applies every filter in SQL; quarter and month are those of the task's deadline, the timeliness filter
    /// uses the CASE computed on the reference date against the unit's own deadline.</summary>
    public static IQueryable<ObligationRow> Filter(this IQueryable<Obligation> obligations, IObligationFilter f, Guid? unitId, DateOnly asOf)
    {
        if (unitId is { } unit) obligations = obligations.Where(o => o.UnitId == unit);
        if (f.PlanId is { } planId) obligations = obligations.Where(o => o.Task!.PlanId == planId);
        if (f.Year is { } year) obligations = obligations.Where(o => o.Task!.Plan!.Year == year);
        if (f.Quarter is { } quarter)
        {
            var (from, to) = (quarter * 3 - 2, quarter * 3);
            obligations = obligations.Where(o => o.Task!.Deadline != null && o.Task.Deadline.Value.Month >= from && o.Task.Deadline.Value.Month <= to);
        }
        if (f.Month is { } month) obligations = obligations.Where(o => o.Task!.Deadline != null && o.Task.Deadline.Value.Month == month);
        if (f.Role is { } role) obligations = obligations.Where(o => o.Role == role);
        if (f.Status is { } status) obligations = obligations.Where(o => o.Status == status);
        if (f.ChangedSince is { } changedSince)
        {
            var since = changedSince.ToUniversalTime(); // PostgreSQL's timestamptz takes UTC; "+07:00" means the same instant
            obligations = obligations.Where(o => o.UpdatedAt > since);
        }
        var rows = obligations.WithTimeliness(asOf);
        if (f.Timeliness is { } timeliness) rows = rows.Where(r => r.Timeliness == timeliness);
        return rows;
    }

    /// <summary>The same filters on the scorecard's tally, and each row's tally on the reference date: the quarter and
    /// month of the task's deadline, the timeliness by the one rule (<see cref="TimelinessRule"/>) on the kept deadline.
    /// The tally has no plan and no updatedAt: a request with planId or changedSince counts the obligations instead.</summary>
    public static IQueryable<ScorecardCell> Filter(this IQueryable<ObligationCount> counts, IObligationFilter f, Guid? unitId, DateOnly asOf)
    {
        if (f.PlanId is not null || f.ChangedSince is not null)
            throw new InvalidOperationException("The tally has no plan and no updatedAt: count the obligations for planId or changedSince.");
        if (unitId is { } unit) counts = counts.Where(c => c.UnitId == unit);
        if (f.Year is { } year) counts = counts.Where(c => c.Year == year);
        if (f.Quarter is { } quarter)
        {
            var (from, to) = ((short)(quarter * 3 - 2), (short)(quarter * 3));
            counts = counts.Where(c => c.DeadlineMonth >= from && c.DeadlineMonth <= to);
        }
        if (f.Month is { } month) counts = counts.Where(c => c.DeadlineMonth == (short)month);
        if (f.Role is { } role) counts = counts.Where(c => c.Role == role);
        if (f.Status is { } status) counts = counts.Where(c => c.Status == status);
        var rows = counts.Select(TimelinessRule.Project<ObligationCount, ObligationCountRow>(
            (c, timeliness) => new ObligationCountRow { Count = c, Timeliness = timeliness },
            c => c.Status == ProgressStatus.Done,
            c => c.Status == ProgressStatus.NotCarriedOut,
            c => c.Deadline,
            c => c.DoneLate,
            asOf));
        if (f.Timeliness is { } timeliness) rows = rows.Where(r => r.Timeliness == timeliness);
        return rows.Select(ObligationQueries.Tally<ObligationCountRow, ScorecardCell>(
            (r, tally) => new ScorecardCell { UnitId = r.Count.UnitId, Year = r.Count.Year, Tally = tally, Count = r.Count.Count },
            r => r.Count.Exempted, r => r.Count.AroseLate, r => r.Timeliness));
    }
}

/// <summary>A row of the scorecard's tally with its timeliness on a reference date, computed by the database.</summary>
public sealed class ObligationCountRow
{
    public required ObligationCount Count { get; init; }
    public required Timeliness Timeliness { get; init; }
}

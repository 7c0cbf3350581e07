using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>The filters the task feed and its summary share.</summary>
public interface ITaskFilter
{
    Guid? PlanId { get; }
    Guid? MovementId { get; }
    int? Year { get; }
    PeriodGroup? Group { get; }
    int? Quarter { get; }
    int? Month { get; }
    string? LeadUnitCode { get; }
    string? UnitCode { get; }
    TaskProgress? Status { get; }
    Timeliness? Timeliness { get; }
    string? Q { get; }
    DateTimeOffset? ChangedSince { get; }
    DateOnly? AsOf { get; }
}

public sealed class TaskFilterValidator : AbstractValidator<ITaskFilter>
{
    public TaskFilterValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Group).IsInEnum();
        RuleFor(x => x.Quarter).InclusiveBetween(1, 4);
        RuleFor(x => x.Month).InclusiveBetween(1, 12);
        RuleFor(x => x.LeadUnitCode).OptionalUnitCode();
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Timeliness).IsInEnum();
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.ChangedSince).InDateRange();
        RuleFor(x => x.AsOf).InDateRange();
    }
}

public static class TaskFiltering
{
    /// <summary>Applies every filter in SQL; the timeliness filter uses the CASE computed on the reference date.</summary>
    /// <remarks>
    /// A unit filter's code is resolved to the unit's id first (one index lookup), so the page's statement carries the
    /// id as a value: PostgreSQL then plans with that unit's own statistics. Joined by code inside the statement, it
    /// guessed ~1,000 assignee rows for Sở Nội vụ's 102,008 (1M tasks) and probed tasks once per row: 1.1 s a page.
    /// </remarks>
    public static async Task<IQueryable<TaskRow>> FilterAsync(this IAppDbContext db, ITaskFilter f, DateOnly asOf, CancellationToken ct)
    {
        var lead = Domain.Common.Text.Clean(f.LeadUnitCode) is { } leadCode ? await db.UnitIdOfAsync(leadCode, ct) : (Guid?)null;
        var any = Domain.Common.Text.Clean(f.UnitCode) is { } anyCode ? await db.UnitIdOfAsync(anyCode, ct) : (Guid?)null;
        return db.Filter(f, asOf, lead, any);
    }

    private static async Task<Guid?> UnitIdOfAsync(this IAppDbContext db, string code, CancellationToken ct)
    {
        var key = UnitCodeLookup.Key(code);
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower() (the unique index); neither ToLowerInvariant() nor the CultureInfo overload translates
        return await db.Units.AsNoTracking().Where(u => u.Code.ToLower() == key).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            ?? Guid.Empty; // no such unit: no task is its (Guid.Empty names no unit)
        #pragma warning restore MA0011
    }

    /// <summary>Applies every filter in SQL, the unit filters by the ids their codes were resolved to already (the feed
    /// resolves one in its change marker's statement; <see cref="Guid.Empty"/> for a code no unit has).</summary>
    public static IQueryable<TaskRow> Filter(this IAppDbContext db, ITaskFilter f, DateOnly asOf, Guid? leadUnitId, Guid? anyUnitId)
    {
        var tasks = db.Tasks.AsNoTracking();
        if (f.PlanId is { } planId) tasks = tasks.Where(t => t.PlanId == planId);
        if (f.MovementId is { } movementId) tasks = tasks.Where(t => t.MovementId == movementId);
        if (f.Year is { } year) tasks = tasks.Where(t => t.Plan!.Year == year);
        if (f.Group is { } group) tasks = tasks.Where(t => t.Group == group);
        if (f.Quarter is { } quarter)
        {
            var (from, to) = (quarter * 3 - 2, quarter * 3);
            tasks = tasks.Where(t => t.Deadline != null && t.Deadline.Value.Month >= from && t.Deadline.Value.Month <= to);
        }
        if (f.Month is { } month) tasks = tasks.Where(t => t.Deadline != null && t.Deadline.Value.Month == month);
        // A unit's tasks: those it holds an active obligation on (named directly or reached through a group, see
        // Obligations), and, on draft plans that have no obligations yet, those that name it directly. The task ids come
        // from the (unit_id, plan_year, role) indexes of obligations and assignees, so PostgreSQL reads the unit's rows of
        // the year, not every task.
        if (leadUnitId is { } lead) tasks = db.OfUnit(tasks, lead, AssigneeRole.Lead, f.Year);
        if (anyUnitId is { } any) tasks = db.OfUnit(tasks, any, null, f.Year);
        if (f.Status is { } status) tasks = tasks.Where(t => t.Status == status);
        // Cancelled tasks leave the default view; they show when asked for by status, and under changedSince (a change).
        else if (f.ChangedSince is null) tasks = tasks.Where(t => t.Status != TaskProgress.Cancelled);
        if (f.ChangedSince is { } changedSince)
        {
            var since = changedSince.ToUniversalTime(); // PostgreSQL's timestamptz takes UTC; "+07:00" means the same instant
            tasks = tasks.Where(t => t.UpdatedAt > since);
        }
        if (Domain.Common.Text.Clean(f.Q) is { } q)
            tasks = tasks.Where(t => EF.Property<string>(t, Sql.SearchTextColumn).Contains(Sql.SearchKey(q)));

        var rows = tasks.WithTimeliness(asOf);
        if (f.Timeliness is { } timeliness) rows = rows.Where(r => r.Timeliness == timeliness);
        return rows;
    }

    /// <summary>The tasks a unit holds an active obligation on, or is named on, in a role (any when null), of the
    /// filter's year if it has one.</summary>
    /// <remarks>
    /// One <c>IN</c> over a <c>UNION</c> of the unit's links (<see cref="UnitTaskLink"/>): its active obligations and its
    /// assignee rows, each read from its <c>(unit_id, plan_year, role)</c> index (<c>plan_year</c>: the task's plan's
    /// year, kept on both tables by the database), so "this unit's tasks of this year" is two index ranges whatever the
    /// years the tables hold, and PostgreSQL joins the few ids to the tasks. With the unit's rows of every year as two
    /// hashed <c>IN … OR IN …</c> lists, it walked every task's index entry to test them: 446,000 buffers and ~370 ms
    /// for a ward's count at 1M tasks, ~1 s for Sở Nội vụ's; now 185 and 197 buffers, 5–30 ms. The year and the role are added only when given, so that a generic plan cannot lose the index
    /// range to an <c>IS NULL OR …</c> test. A <c>UNION</c>, not <c>UNION ALL</c>: PostgreSQL then knows the ids are
    /// distinct (over a <c>UNION ALL</c> it guessed 200 distinct ids for Sở Nội vụ's 1,367 and probed every task of the
    /// year for each: 220,000 buffers instead of 7,700). LINQ, not <c>SqlQuery</c> with the values interpolated: EF
    /// Core never caches the SQL of a statement holding a parameterised raw query, so every page re-generated its whole
    /// statement, one request at a time under the query's lock (issue 15's seventh pass).
    /// </remarks>
    private static IQueryable<PlanTask> OfUnit(this IAppDbContext db, IQueryable<PlanTask> tasks, Guid unitId, AssigneeRole? role, int? year)
    {
        var ids = Links(db.ObligationLinks).Union(Links(db.AssigneeLinks));
        return tasks.Where(t => ids.Contains(t.Id));

        IQueryable<Guid> Links(IQueryable<UnitTaskLink> links)
        {
            links = links.Where(l => l.UnitId == unitId);
            if (year is { } y) links = links.Where(l => l.PlanYear == y);
            if (role is { } r) links = links.Where(l => l.Role == r);
            return links.Select(l => l.TaskId);
        }
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Obligations;
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
    public static IQueryable<TaskRow> Filter(this IAppDbContext db, ITaskFilter f, DateOnly asOf)
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
        // Obligations), and, on draft plans that have no obligations yet, those that name it directly. The code is
        // resolved to the unit once (a join on the lower(code) index: one row); the task ids come from
        // the (unit_id, …) indexes of obligations and assignees, so PostgreSQL reads the unit's few thousand rows, not
        // every task with a correlated EXISTS.
        if (Domain.Common.Text.Clean(f.LeadUnitCode) is { } lead)
            tasks = tasks.Where(t => db.TaskIdsOf(lead, AssigneeRole.Lead).Contains(t.Id));
        if (Domain.Common.Text.Clean(f.UnitCode) is { } any)
            tasks = tasks.Where(t => db.TaskIdsOf(any, null).Contains(t.Id));
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

    /// <summary>The ids of the tasks a unit (by code) holds an active obligation on, or is named on, in a role (any when null).</summary>
    private static IQueryable<Guid> TaskIdsOf(this IAppDbContext db, string unitCode, AssigneeRole? role)
    {
        var code = UnitCodeLookup.Key(unitCode);
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower() (the unique index); neither ToLowerInvariant() nor the CultureInfo overload translates
        var unit = db.Units.Where(u => u.Code.ToLower() == code);
        #pragma warning restore MA0011
        // Joins, not a comparison with a scalar subquery: EF would add its null compensation (unit_id IS NULL AND
        // (subquery) IS NULL) and PostgreSQL could no longer use the (unit_id, role) index.
        var obligated = db.Obligations.Where(o => o.State == ObligationState.Active).Join(unit, o => o.UnitId, u => u.Id, (o, _) => o);
        var named = db.Tasks.SelectMany(t => t.Assignees, (t, a) => new { TaskId = t.Id, a.Role, a.UnitId })
            .Join(unit, a => a.UnitId, u => (Guid?)u.Id, (a, _) => a);
        if (role is { } r)
        {
            obligated = obligated.Where(o => o.Role == r);
            named = named.Where(a => a.Role == r);
        }
        return obligated.Select(o => o.TaskId).Union(named.Select(a => a.TaskId));
    }
}

using System.Linq.Expressions;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>An obligation with its timeliness on a reference date, computed by the database.</summary>
public sealed class ObligationRow
{
    public required Obligation Obligation { get; init; }
    public required Timeliness Timeliness { get; init; }
}

/// <summary>An obligation row and the tally it counts under.</summary>
public sealed class TalliedRow
{
    public required ObligationRow Row { get; init; }
    public required ObligationTally Tally { get; init; }
}

/// <summary>How one obligation counts in a tally: exempted apart, arisen after its deadline apart, the rest by timeliness
/// (the same values as <see cref="Timeliness"/>, so the tally of the rest is its timeliness, unchanged).</summary>
public enum ObligationTally
{
    WithinDeadline = Timeliness.WithinDeadline,
    DueSoon = Timeliness.DueSoon,
    Overdue = Timeliness.Overdue,
    DoneOnTime = Timeliness.DoneOnTime,
    DoneLate = Timeliness.DoneLate,
    NoDeadline = Timeliness.NoDeadline,
    AroseLate,
    Exempted,
}

public static class ObligationQueries
{
    /// <summary>Each obligation with its timeliness on <paramref name="asOf"/>: the task's rule (<see cref="TimelinessRule"/>)
    /// against the unit's own deadline — the extended one, else the task's.</summary>
    public static IQueryable<ObligationRow> WithTimeliness(this IQueryable<Obligation> obligations, DateOnly asOf) =>
        obligations.Select(TimelinessRule.Project<Obligation, ObligationRow>(
            (o, timeliness) => new ObligationRow { Obligation = o, Timeliness = timeliness },
            o => o.Status == ProgressStatus.Done,
            o => o.Status == ProgressStatus.NotCarriedOut,
            o => o.ExtendedDeadline ?? o.Task!.Deadline,
            o => o.CompletedOn,
            asOf));

    /// <summary>
    /// The active obligations, tallied (<see cref="Tallied"/>) on <paramref name="asOf"/>, their task's deadline read
    /// through an explicit join rather than the navigation <see cref="WithTimeliness"/> follows: grouped, counted per
    /// tally, a navigation made EF Core count each tally in a subquery of its own, where a join lets it count them all in
    /// the one pass. The deadline is the same one: the extended one, else the task's.
    /// Active is written as "not withdrawn" — the same rows, a state being one of the two (a check constraint keeps it
    /// so): a task's obligations are looked up by task, and <c>state = 'Active'</c> also matches the predicate of the
    /// partial index of active obligations by unit and year, which PostgreSQL without statistics (a table just bulk
    /// loaded) walked whole for every task — 228,000 buffers for a ward's page of 50 tasks instead of 19,000 (issue 15).
    /// </summary>
    public static IQueryable<TalliedRow> ActiveTallied(this IAppDbContext db, DateOnly asOf) =>
        db.Obligations.AsNoTracking().Where(Active)
            .Join(db.Tasks, o => o.TaskId, t => t.Id, (o, t) => new ObligationOfTask { Obligation = o, TaskDeadline = t.Deadline })
            .Select(TimelinessOf(asOf))
            .Select(TallyOf);

    /// <summary>Active: not withdrawn (see <see cref="ActiveTallied"/>).</summary>
    public static readonly Expression<Func<Obligation, bool>> Active = o => o.State != ObligationState.Withdrawn;

    /// <summary>An obligation with its task's deadline, however the query found the task (a join, or the task a
    /// subquery is correlated with).</summary>
    public sealed class ObligationOfTask
    {
        public required Obligation Obligation { get; init; }
        public required DateOnly? TaskDeadline { get; init; }
    }

    /// <summary>The timeliness of <see cref="WithTimeliness"/> for an obligation whose task's deadline comes with it.</summary>
    public static Expression<Func<ObligationOfTask, ObligationRow>> TimelinessOf(DateOnly asOf) =>
        TimelinessRule.Project<ObligationOfTask, ObligationRow>(
            (x, timeliness) => new ObligationRow { Obligation = x.Obligation, Timeliness = timeliness },
            x => x.Obligation.Status == ProgressStatus.Done,
            x => x.Obligation.Status == ProgressStatus.NotCarriedOut,
            x => x.Obligation.ExtendedDeadline ?? x.TaskDeadline,
            x => x.Obligation.CompletedOn,
            asOf);

    /// <summary>One obligation as its answer shows it, its timeliness taken on <paramref name="asOf"/>; 404 when there is none.</summary>
    public static async Task<ObligationDto> FindDtoAsync(this IAppDbContext db, Guid id, DateOnly asOf, CancellationToken ct) =>
        await db.Obligations.AsNoTracking().Where(o => o.Id == id).WithTimeliness(asOf).ToDto().FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("Obligation", id);

    /// <summary>The tally an obligation counts under; the one partition the task answer and the scorecard share.</summary>
    public static IQueryable<TalliedRow> Tallied(this IQueryable<ObligationRow> rows) => rows.Select(TallyOf);

    /// <summary>How an obligation counts: exempted apart, then arisen after its deadline apart, the rest by timeliness.</summary>
    private static readonly Expression<Func<bool, bool, Timeliness, ObligationTally>> TallyRule = (exempted, aroseLate, timeliness) =>
        exempted ? ObligationTally.Exempted
        : aroseLate ? ObligationTally.AroseLate
        : (ObligationTally)timeliness; // one CASE for the timeliness, not one per band

    /// <summary><see cref="Tallied"/> as an expression (declared after <see cref="TallyRule"/>, which it reads when initialised), for a subquery written inside another query's projection.</summary>
    public static readonly Expression<Func<ObligationRow, TalliedRow>> TallyOf =
        Tally<ObligationRow, TalliedRow>((r, tally) => new TalliedRow { Row = r, Tally = tally },
            r => r.Obligation.Exempted, r => r.Obligation.AroseLate, r => r.Timeliness);

    /// <summary>A projection of <typeparamref name="T"/> that carries the tally it counts under (<see cref="TallyRule"/>),
    /// for obligations and for the scorecard's counts (<see cref="ObligationCount"/>) alike, computed by PostgreSQL.</summary>
    public static Expression<Func<T, TResult>> Tally<T, TResult>(Expression<Func<T, ObligationTally, TResult>> shape,
        Expression<Func<T, bool>> exempted, Expression<Func<T, bool>> aroseLate, Expression<Func<T, Timeliness>> timeliness)
    {
        var row = shape.Parameters[0];
        Expression Over(LambdaExpression input) => new TimelinessRule.Substitution([input.Parameters[0]], [row]).Visit(input.Body);
        var tally = new TimelinessRule.Substitution(TallyRule.Parameters, [Over(exempted), Over(aroseLate), Over(timeliness)]).Visit(TallyRule.Body);
        return Expression.Lambda<Func<T, TResult>>(new TimelinessRule.Substitution([shape.Parameters[1]], [tally]).Visit(shape.Body), row);
    }

}

/// <summary>
/// Obligations counted as national reports count them: every active obligation once — exempted ones apart, those that
/// arose after their deadline apart, the rest by timeliness on the reference date.
/// </summary>
/// <param name="Total">Active obligations (đơn vị được giao), withdrawn ones not counted.</param>
/// <param name="AroseLate">Arose after the deadline (a unit registered later): never counted as overdue.</param>
/// <param name="Exempted">Exempted by an editor, with a reason.</param>
public sealed record ObligationCountsDto(
    int Total,
    int WithinDeadline,
    int DueSoon,
    int Overdue,
    int DoneOnTime,
    int DoneLate,
    int NoDeadline,
    int AroseLate,
    int Exempted);

using System.Linq.Expressions;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// The timeliness rule, the only copy, as an expression PostgreSQL evaluates (a SQL CASE) for tasks and obligations
/// alike, so filters, sorts and summaries use it without loading rows. Not done: overdue after the deadline, due soon
/// from <see cref="PlanTask.DueSoonDays"/> days before it, else within the deadline; done: on time or late by the
/// completion date; excluded (not carried out, cancelled) or no deadline: no deadline. Tested through HTTP
/// (TimelinessTests, ObligationTimelinessTests).
/// </summary>
public static class TimelinessRule
{
    private static readonly Expression<Func<bool, bool, DateOnly?, bool, DateOnly, DateOnly, Timeliness>> Rule =
        (done, excluded, deadline, doneLate, asOf, dueSoonLimit) =>
            excluded ? Timeliness.NoDeadline
            : done ? (doneLate ? Timeliness.DoneLate : Timeliness.DoneOnTime)
            : deadline == null ? Timeliness.NoDeadline
            : deadline < asOf ? Timeliness.Overdue
            : deadline <= dueSoonLimit ? Timeliness.DueSoon
            : Timeliness.WithinDeadline;

    /// <summary>Done late: completed after the deadline (a done task or obligation without a deadline is on time). The
    /// scorecard's tally keeps this flag instead of the dates (ObligationCountSql computes it the same way in SQL).</summary>
    private static readonly Expression<Func<DateOnly?, DateOnly?, bool>> Late = (deadline, completedOn) => deadline != null && completedOn > deadline;

    /// <summary>
    /// A projection of <typeparamref name="T"/> that carries its timeliness on <paramref name="asOf"/>: <paramref name="shape"/>
    /// receives the row and the rule's result; the other expressions say what "done", "excluded", the deadline and the
    /// completion date are for this kind of row. The reference dates become query parameters, not literals.
    /// </summary>
    public static Expression<Func<T, TRow>> Project<T, TRow>(Expression<Func<T, Timeliness, TRow>> shape,
        Expression<Func<T, bool>> done, Expression<Func<T, bool>> excluded, Expression<Func<T, DateOnly?>> deadline,
        Expression<Func<T, DateOnly?>> completedOn, DateOnly asOf)
    {
        var row = deadline.Parameters[0];
        var late = new Substitution(Late.Parameters, [deadline.Body, new Substitution([completedOn.Parameters[0]], [row]).Visit(completedOn.Body)])
            .Visit(Late.Body);
        return Project(shape, done, excluded, deadline, Expression.Lambda<Func<T, bool>>(late, row), asOf);
    }

    /// <summary>The same projection for rows that keep whether they were done late instead of the completion date (the
    /// scorecard's tally, <c>ObligationCount</c>).</summary>
    public static Expression<Func<T, TRow>> Project<T, TRow>(Expression<Func<T, Timeliness, TRow>> shape,
        Expression<Func<T, bool>> done, Expression<Func<T, bool>> excluded, Expression<Func<T, DateOnly?>> deadline,
        Expression<Func<T, bool>> doneLate, DateOnly asOf)
    {
        var row = shape.Parameters[0];
        Expression Over(LambdaExpression input) => new Substitution([input.Parameters[0]], [row]).Visit(input.Body);
        var dates = Expression.Constant(new ReferenceDates(asOf, DueSoonLimit(asOf)));
        var timeliness = new Substitution(Rule.Parameters,
        [
            Over(done), Over(excluded), Over(deadline), Over(doneLate),
            Expression.Property(dates, nameof(ReferenceDates.AsOf)), Expression.Property(dates, nameof(ReferenceDates.DueSoonLimit)),
        ]).Visit(Rule.Body);
        var body = new Substitution([shape.Parameters[1]], [timeliness]).Visit(shape.Body);
        return Expression.Lambda<Func<T, TRow>>(body, row);
    }

    /// <summary>
    /// The last deadline that is "due soon" on <paramref name="asOf"/>; at the very end of the calendar, the calendar's last
    /// day (requests are bounded to <see cref="Domain.Common.Dates"/>, so only a caller inside the server can come that close).
    /// </summary>
    private static DateOnly DueSoonLimit(DateOnly asOf) =>
        asOf.DayNumber <= DateOnly.MaxValue.DayNumber - PlanTask.DueSoonDays ? asOf.AddDays(PlanTask.DueSoonDays) : DateOnly.MaxValue;

    /// <summary>Held in a closure-like object so EF Core sends the dates as parameters (one cached plan for every day).</summary>
    private sealed record ReferenceDates(DateOnly AsOf, DateOnly DueSoonLimit);

    /// <summary>Replaces parameters by expressions: how the rules above are written once and applied to any row type.</summary>
    internal sealed class Substitution(IReadOnlyList<ParameterExpression> parameters, IReadOnlyList<Expression> arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < parameters.Count; i++)
                if (node == parameters[i]) return arguments[i];
            return node;
        }
    }
}

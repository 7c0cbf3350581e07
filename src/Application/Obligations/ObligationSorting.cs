namespace EmulationApi.Application.Obligations;

/// <summary>The work list's sorts, one copy for the JSON list and its file forms.</summary>
public static class ObligationSorting
{
    /// <summary>The work list's sorts (<see cref="ListObligationsQuery.SortKeys"/>), ties broken by id.</summary>
    public static IOrderedQueryable<ObligationRow> SortedAs(this IQueryable<ObligationRow> rows, string? sort) => (sort ?? "plan") switch
    {
        "deadline" => rows.OrderBy(r => (r.Obligation.ExtendedDeadline ?? r.Obligation.Task!.Deadline) == null)
            .ThenBy(r => r.Obligation.ExtendedDeadline ?? r.Obligation.Task!.Deadline).ThenBy(r => r.Obligation.Id),
        "-deadline" => rows.OrderBy(r => (r.Obligation.ExtendedDeadline ?? r.Obligation.Task!.Deadline) == null)
            .ThenByDescending(r => r.Obligation.ExtendedDeadline ?? r.Obligation.Task!.Deadline).ThenBy(r => r.Obligation.Id),
        "updatedAt" => rows.OrderBy(r => r.Obligation.UpdatedAt).ThenBy(r => r.Obligation.Id),
        "-updatedAt" => rows.OrderByDescending(r => r.Obligation.UpdatedAt).ThenBy(r => r.Obligation.Id),
        _ => rows.OrderByDescending(r => r.Obligation.Task!.Plan!.Year).ThenBy(r => r.Obligation.Task!.PlanId)
            .ThenBy(r => r.Obligation.Task!.Group).ThenBy(r => r.Obligation.Task!.Sequence)
            .ThenBy(r => r.Obligation.Unit!.Code).ThenBy(r => r.Obligation.Id),
    };
}

namespace EmulationApi.Application.Tasks;

/// <summary>The task feed's sorts, one copy for the JSON list and its file forms.</summary>
public static class TaskSorting
{
    /// <summary>The feed's sorts (<see cref="ListTasksQuery.SortKeys"/>), ties broken by id.</summary>
    public static IOrderedQueryable<TaskRow> SortedAs(this IQueryable<TaskRow> rows, string? sort) => (sort ?? "plan") switch
    {
        "deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenBy(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
        "-deadline" => rows.OrderBy(r => r.Task.Deadline == null).ThenByDescending(r => r.Task.Deadline).ThenBy(r => r.Task.Id),
        "updatedAt" => rows.OrderBy(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
        "-updatedAt" => rows.OrderByDescending(r => r.Task.UpdatedAt).ThenBy(r => r.Task.Id),
        _ => rows.OrderByDescending(r => r.Task.Plan!.Year).ThenBy(r => r.Task.PlanId).ThenBy(r => r.Task.Group)
            .ThenBy(r => r.Task.Sequence).ThenBy(r => r.Task.Id),
    };
}

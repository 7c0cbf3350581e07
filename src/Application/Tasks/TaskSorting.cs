namespace EmulationApi.Application.Tasks;

/// <summary>The task feed's sorts, one copy for the JSON list and its file forms, and their SQL over the feed's places.</summary>
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

    /// <summary>The same sorts as an ORDER BY list over the feed's places (tasks and tombstones) as ListTasks reads them:
    /// columns named after its FeedEntry's members, as EF Core names them.</summary>
    internal static FormattableString PlacesOrder(string? sort) => (sort ?? "plan") switch
    {
        "deadline" => $"""
            "Deadline" IS NULL, "Deadline", "Id"
            """,
        "-deadline" => $"""
            "Deadline" IS NULL, "Deadline" DESC, "Id"
            """,
        "updatedAt" => $"""
            "UpdatedAt", "Id"
            """,
        "-updatedAt" => $"""
            "UpdatedAt" DESC, "Id"
            """,
        _ => $"""
            "PlanYear" DESC, "PlanId", "Group", "Sequence", "Id"
            """,
    };
}

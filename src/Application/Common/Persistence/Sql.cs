namespace EmulationApi.Application.Common.Persistence;

/// <summary>Database functions usable inside LINQ queries; they translate to SQL and cannot run in memory.</summary>
public static class Sql
{
    /// <summary>Name of the stored, generated column that holds a row's search key.</summary>
    public const string SearchTextColumn = "SearchText";

    /// <summary>
    /// lower(unaccent(text)) in PostgreSQL: the key that makes "so noi vu" match "Sở Nội vụ".
    /// </summary>
    public static string SearchKey(string text) =>
        throw new InvalidOperationException($"{nameof(SearchKey)} is translated to SQL and cannot run in memory.");

    /// <summary>
    /// The task's assignees in the plan's order as one JSON array (the task queries read it): each its
    /// role, unit (id, code, name) or group, and the text the plan wrote. One value per task, built by PostgreSQL, so a
    /// page of tasks is read as one row per task rather than one per assignee.
    /// </summary>
    public static string TaskAssignees(Guid taskId) =>
        throw new InvalidOperationException($"{nameof(TaskAssignees)} is translated to SQL and cannot run in memory.");
}

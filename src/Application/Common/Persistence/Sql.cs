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
}

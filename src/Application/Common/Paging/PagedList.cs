using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Common.Paging;

/// <summary>One page of a list. Every list in the API answers with this shape.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public bool HasNextPage => (long)Page * PageSize < TotalCount;
}

/// <summary>Paging parameters every list query carries.</summary>
public interface IPagedQuery
{
    int Page { get; }
    int PageSize { get; }
}

public static class PagedListExtensions
{
    /// <summary>Counts the ordered query, then reads the requested page of it (nothing when the page lies past the end).</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> ordered, IPagedQuery paging, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = paging.IsPastEnd(total) ? [] : await ordered.PageOf(paging).ToListAsync(ct);
        return new PagedList<T>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>
    /// Reads <paramref name="page"/> (the requested page of a query) and how many rows <paramref name="all"/> holds, in one
    /// statement: the count is a scalar subquery of the page's statement, which PostgreSQL runs once (an InitPlan). Only a
    /// page past the end, which has no row to carry it, counts on its own.
    /// </summary>
    public static async Task<(List<T> Items, int Total)> ReadWithTotalAsync<T, TAll>(this IQueryable<T> page, IQueryable<TAll> all,
        IPagedQuery paging, CancellationToken ct)
    {
        var rows = await page.Select(item => new PageRow<T>(item, all.Count())).ToListAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : paging.Page == 1 ? 0 : await all.CountAsync(ct);
        return (rows.ConvertAll(r => r.Item), total);
    }

    private sealed record PageRow<T>(T Item, int Total);

    /// <summary>Whether the requested page holds nothing of <paramref name="total"/> items (none, or the page lies past the end).</summary>
    public static bool IsPastEnd(this IPagedQuery paging, int total) => total == 0 || (long)(paging.Page - 1) * paging.PageSize >= total;

    /// <summary>The requested page of an ordered query.</summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> ordered, IPagedQuery paging) =>
        ordered.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize);
}

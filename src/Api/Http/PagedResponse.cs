using EmulationApi.Application.Common.Paging;
using Microsoft.AspNetCore.WebUtilities;

namespace EmulationApi.Api.Http;

/// <summary>The one paged shape every list answers with.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Most items per page.</param>
/// <param name="TotalCount">Items matching the filters, over all pages.</param>
/// <param name="NextPage">Relative link to the next page with the same filters; null on the last page.</param>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, string? NextPage)
{
    public static PagedResponse<T> From(PagedList<T> list, HttpRequest request) =>
        new(list.Items, list.Page, list.PageSize, list.TotalCount, list.HasNextPage ? Link(request, list.Page + 1) : null);

    private static string Link(HttpRequest request, int page)
    {
        var query = request.Query
            .Where(q => !q.Key.Equals("page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
    }
}

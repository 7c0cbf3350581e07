namespace EmulationApi.Application.Common.Paging;

/// <summary>
/// A list pollers re-read: the state its page depends on, already read (the Api makes the ETag of it and decides 304),
/// and the page itself, read only when the client's copy is not current. Two equal states give the same page.
/// </summary>
public sealed class Feed<T>(object state, Func<CancellationToken, Task<PagedList<T>>> readPage)
{
    public object State { get; } = state;

    public Task<PagedList<T>> ReadPageAsync(CancellationToken cancellationToken) => readPage(cancellationToken);
}

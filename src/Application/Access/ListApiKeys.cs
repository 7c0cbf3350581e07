using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Access;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Access;

/// <summary>List API keys, newest first.</summary>
/// <param name="Active">Only usable keys (true) or only revoked and expired ones (false).</param>
public sealed record ListApiKeysQuery(ClientRole? Role = null, bool? Active = null, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<ApiKeyDto>>, IPagedQuery;

public sealed class ListApiKeysValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Role).IsInEnum();
    }
}

public sealed class ListApiKeysHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<ListApiKeysQuery, PagedList<ApiKeyDto>>
{
    public Task<PagedList<ApiKeyDto>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = db.ApiKeys.AsNoTracking();
        if (request.Role is { } role) keys = keys.Where(k => k.Role == role);
        if (request.Active is { } active)
            keys = keys.Where(k => (k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)) == active);
        return keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToDto(now).ToPagedListAsync(request, cancellationToken);
    }
}

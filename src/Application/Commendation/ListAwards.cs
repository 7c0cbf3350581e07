using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>List the catalog: by category, recipient, granting level and commendation type; in code order.</summary>
/// <param name="Type">Only the entries that may be given under this commendation type.</param>
public sealed record ListAwardsQuery(
    AwardCategory? Category = null,
    AwardRecipient? Recipient = null,
    GrantingLevel? Level = null,
    CommendationType? Type = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<AwardDto>>, IPagedQuery;

public sealed class ListAwardsValidator : AbstractValidator<ListAwardsQuery>
{
    public ListAwardsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.Recipient).IsInEnum();
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.Type).IsInEnum();
    }
}

public sealed class ListAwardsHandler(IAppDbContext db) : IRequestHandler<ListAwardsQuery, PagedList<AwardDto>>
{
    public Task<PagedList<AwardDto>> Handle(ListAwardsQuery request, CancellationToken cancellationToken)
    {
        var awards = db.Awards.AsNoTracking();
        if (request.Category is { } category) awards = awards.Where(a => a.Category == category);
        if (request.Recipient is { } recipient) awards = awards.Where(a => a.Recipient == recipient);
        if (request.Level is { } level) awards = awards.Where(a => a.Level == level);
        if (request.Type is { } type) awards = awards.Where(a => a.Types.Contains(type));
        return awards.OrderBy(a => a.Code).ToDtos().ToPagedListAsync(request, cancellationToken);
    }
}

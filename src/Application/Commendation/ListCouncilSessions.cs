using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>List council sessions, latest first.</summary>
/// <param name="Year">Only the sessions held in this year.</param>
/// <param name="Status">Open or Concluded.</param>
/// <param name="Published">true: only the sessions that published their nominees; false: only those that did not.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record ListCouncilSessionsQuery(
    int? Year = null,
    CouncilSessionStatus? Status = null,
    bool? Published = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<CouncilSessionDto>>, IPagedQuery;

public sealed class ListCouncilSessionsValidator : AbstractValidator<ListCouncilSessionsQuery>
{
    public ListCouncilSessionsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Status).IsInEnum();
    }
}

public sealed class ListCouncilSessionsHandler(IAppDbContext db) : IRequestHandler<ListCouncilSessionsQuery, PagedList<CouncilSessionDto>>
{
    public async Task<PagedList<CouncilSessionDto>> Handle(ListCouncilSessionsQuery request, CancellationToken cancellationToken)
    {
        var sessions = db.CouncilSessions.AsNoTracking();
        if (request.Year is { } year) sessions = sessions.Where(s => s.HeldOn >= new DateOnly(year, 1, 1) && s.HeldOn <= new DateOnly(year, 12, 31));
        if (request.Status is { } status) sessions = sessions.Where(s => s.Status == status);
        if (request.Published is { } published) sessions = sessions.Where(s => (s.PublishedOn != null) == published);
        var ordered = sessions.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.CreatedAt).ThenBy(s => s.Id);
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.PageOf(request).ReadNamedAsync(db, cancellationToken);
        return new PagedList<CouncilSessionDto>(items, request.Page, request.PageSize, total);
    }
}

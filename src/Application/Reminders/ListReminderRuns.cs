using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Reminders;

/// <summary>The reminders' runs, latest slot first: one per slot that was sent.</summary>
public sealed record ListReminderRunsQuery(int Page = 1, int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<ReminderRunDto>>, IPagedQuery;

public sealed class ListReminderRunsValidator : AbstractValidator<ListReminderRunsQuery>
{
    public ListReminderRunsValidator() => this.AddPagingRules();
}

public sealed class ListReminderRunsHandler(IAppDbContext db) : IRequestHandler<ListReminderRunsQuery, PagedList<ReminderRunDto>>
{
    public Task<PagedList<ReminderRunDto>> Handle(ListReminderRunsQuery request, CancellationToken cancellationToken) =>
        db.ReminderRuns.AsNoTracking().OrderByDescending(r => r.Slot).ToDtos().ToPagedListAsync(request, cancellationToken);
}

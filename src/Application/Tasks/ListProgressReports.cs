using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>A task's progress history, newest first.</summary>
public sealed record ListProgressReportsQuery(Guid TaskId, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<ProgressReportDto>>, IPagedQuery;

public sealed class ListProgressReportsValidator : AbstractValidator<ListProgressReportsQuery>
{
    public ListProgressReportsValidator() => this.AddPagingRules();
}

public sealed class ListProgressReportsHandler(IAppDbContext db) : IRequestHandler<ListProgressReportsQuery, PagedList<ProgressReportDto>>
{
    public async Task<PagedList<ProgressReportDto>> Handle(ListProgressReportsQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Tasks.AnyAsync(t => t.Id == request.TaskId, cancellationToken)) throw new NotFoundException("Task", request.TaskId);
        return await db.ProgressReports.AsNoTracking().Where(r => r.TaskId == request.TaskId)
            .OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .ProjectToType<ProgressReportDto>().ToPagedListAsync(request, cancellationToken);
    }
}

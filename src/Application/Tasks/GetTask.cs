using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Read one task, its timeliness taken on <paramref name="AsOf"/> (default: today in Asia/Ho_Chi_Minh).</summary>
public sealed record GetTaskQuery(Guid Id, DateOnly? AsOf = null) : IRequest<TaskDto>;

public sealed class GetTaskValidator : AbstractValidator<GetTaskQuery>
{
    public GetTaskValidator() => RuleFor(x => x.AsOf).InDateRange();
}

public sealed class GetTaskHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? TaskQueries.Today(clock);
        return await db.Tasks.AsNoTracking().Where(t => t.Id == request.Id).WithTimeliness(asOf).FirstDtoOrDefaultAsync(db, asOf, cancellationToken)
               ?? throw new NotFoundException("Task", request.Id);
    }
}

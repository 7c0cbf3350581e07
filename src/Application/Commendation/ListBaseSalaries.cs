using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Every configured base salary, oldest first (a short list: one entry per change of the law).</summary>
public sealed record ListBaseSalariesQuery : IRequest<IReadOnlyList<BaseSalaryDto>>;

public sealed class ListBaseSalariesHandler(IAppDbContext db) : IRequestHandler<ListBaseSalariesQuery, IReadOnlyList<BaseSalaryDto>>
{
    public async Task<IReadOnlyList<BaseSalaryDto>> Handle(ListBaseSalariesQuery request, CancellationToken cancellationToken) =>
        await db.BaseSalaries.AsNoTracking().OrderBy(s => s.EffectiveFrom).ToDtos().ToListAsync(cancellationToken);
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Read one unit by its id.</summary>
public sealed record GetUnitQuery(Guid Id) : IRequest<UnitDto>;

public sealed class GetUnitHandler(IAppDbContext db) : IRequestHandler<GetUnitQuery, UnitDto>
{
    public async Task<UnitDto> Handle(GetUnitQuery request, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().Where(u => u.Id == request.Id).ProjectToType<UnitDto>().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Unit", request.Id);
}

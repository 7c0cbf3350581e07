using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>Read one movement.</summary>
public sealed record GetMovementQuery(Guid Id) : IRequest<MovementDto>;

public sealed class GetMovementHandler(IAppDbContext db) : IRequestHandler<GetMovementQuery, MovementDto>
{
    public async Task<MovementDto> Handle(GetMovementQuery request, CancellationToken cancellationToken) =>
        await db.Movements.AsNoTracking().Where(m => m.Id == request.Id).ReadNamedAsync(db, cancellationToken)
        ?? throw new NotFoundException("Movement", request.Id);
}

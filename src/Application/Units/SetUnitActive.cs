using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Deactivate (Active = false) or reactivate a unit. Units that anything refers to are deactivated, never deleted.</summary>
public sealed record SetUnitActiveCommand(Guid Id, bool Active) : IRequest<UnitDto>;

public sealed class SetUnitActiveHandler(IAppDbContext db) : IRequestHandler<SetUnitActiveCommand, UnitDto>
{
    public async Task<UnitDto> Handle(SetUnitActiveCommand request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Unit", request.Id);
        if (request.Active) unit.Activate(); else unit.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).ProjectToType<UnitDto>().FirstAsync(cancellationToken);
    }
}

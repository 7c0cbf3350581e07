using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>
/// Delete a unit registered by mistake. A unit that anything refers to (a child unit, and later tasks, memberships…)
/// cannot be deleted: the database's foreign keys refuse it and the API answers 409; deactivate it instead.
/// </summary>
public sealed record DeleteUnitCommand(Guid Id) : IRequest;

public sealed class DeleteUnitHandler(IAppDbContext db) : IRequestHandler<DeleteUnitCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteUnitCommand request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Unit", request.Id);
        db.Units.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>
/// Delete a unit registered by mistake. A unit that anything refers to (a child unit, a task, a cluster membership, a
/// movement, a score) cannot be deleted: the database's foreign keys refuse it and the API answers 409; deactivate it
/// instead. Two references have no foreign key and are checked here: a movement's participants (a jsonb list) and an
/// unrevoked API key, which names its unit by code (deleting the unit would leave the key to whichever unit is later
/// registered under the same code).
/// </summary>
public sealed record DeleteUnitCommand(Guid Id) : IRequest;

public sealed class DeleteUnitHandler(IAppDbContext db) : IRequestHandler<DeleteUnitCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteUnitCommand request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Unit", request.Id);
        if (await db.SqlQuery<bool>($"""
                SELECT EXISTS (SELECT 1 FROM movements WHERE participants @> jsonb_build_array(jsonb_build_object('unitId', {unit.Id}))) AS "Value"
                """).SingleAsync(cancellationToken))
            throw new DomainException(Localized.Text(
                $"Unit {unit.Code} takes part in a movement. Deactivate it instead of deleting it.",
                $"Đơn vị {unit.Code} đang tham gia phong trào thi đua. Hãy ngừng hoạt động đơn vị thay vì xóa."));
        if (await db.ApiKeys.AnyAsync(k => k.UnitCode == unit.Code && k.RevokedAt == null, cancellationToken))
            throw new DomainException(Localized.Text(
                $"Unit {unit.Code} is named by an API key that is not revoked. Deactivate it instead of deleting it, or revoke the key first.",
                $"Đơn vị {unit.Code} đang được một khóa API chưa thu hồi sử dụng. Hãy ngừng hoạt động đơn vị thay vì xóa, hoặc thu hồi khóa trước."));
        db.Units.Remove(unit);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

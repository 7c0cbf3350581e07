using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Units;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Replace a unit's description and parent. The code is its stable key and does not change.</summary>
public sealed record UpdateUnitCommand : UnitFields, IRequest<UnitDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    /// <summary>The version the client last saw (from If-Match); null to skip the check.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateUnitValidator : AbstractValidator<UpdateUnitCommand>
{
    public UpdateUnitValidator() => Include(new UnitFieldsValidator());
}

public sealed class UpdateUnitHandler(IAppDbContext db) : IRequestHandler<UpdateUnitCommand, UnitDto>
{
    public async Task<UnitDto> Handle(UpdateUnitCommand request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Unit", request.Id);
        unit.EnsureVersion(request.ExpectedVersion);
        var parentId = await db.ResolveParentAsync(request.ParentCode, cancellationToken);
        await db.EnsureNoCycleAsync(unit.Code, request.ParentCode, cancellationToken);
        unit.Describe(request.Name!, request.Kind!.Value, request.ShortName, request.DocumentExchangeId, request.Aliases);
        unit.MoveUnder(parentId);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).ProjectToType<UnitDto>().FirstAsync(cancellationToken);
    }
}

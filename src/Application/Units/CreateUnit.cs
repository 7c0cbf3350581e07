using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Register a new unit.</summary>
public sealed record CreateUnitCommand : UnitFields, IRequest<UnitDto>
{
    /// <summary>Stable key, unique without regard to case (e.g. <c>SNV</c>).</summary>
    public string? Code { get; init; }
}

public sealed class CreateUnitValidator : AbstractValidator<CreateUnitCommand>
{
    public CreateUnitValidator()
    {
        RuleFor(x => x.Code).UnitCode();
        Include(new UnitFieldsValidator());
    }
}

public sealed class CreateUnitHandler(IAppDbContext db) : IRequestHandler<CreateUnitCommand, UnitDto>
{
    public async Task<UnitDto> Handle(CreateUnitCommand request, CancellationToken cancellationToken)
    {
        if (await db.Units.WithCode(request.Code!).AnyAsync(cancellationToken))
            throw new DomainException(Localized.Text(
                $"A unit with the code '{request.Code!.Trim()}' already exists.", $"Đã có đơn vị mang mã '{request.Code!.Trim()}'."));
        var parentId = await db.ResolveParentAsync(request.ParentCode, cancellationToken);
        var unit = Unit.Create(request.Code!, request.Name!, request.Kind!.Value, request.ShortName, parentId,
            request.DocumentExchangeId, request.Aliases);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).ProjectToType<UnitDto>().FirstAsync(cancellationToken);
    }
}

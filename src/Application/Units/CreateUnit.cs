using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Register a new unit.</summary>
/// <param name="Code">Stable key, unique without regard to case (e.g. <c>SNV</c>).</param>
/// <param name="Name">Vietnamese name, stored in Unicode NFC (e.g. <c>Sở Nội vụ</c>).</param>
/// <param name="ParentCode">Code of the parent unit, if any.</param>
/// <param name="Aliases">Other spellings met in documents.</param>
public sealed record CreateUnitCommand(
    string? Code,
    string? Name,
    UnitKind? Kind,
    string? ShortName = null,
    string? ParentCode = null,
    string? DocumentExchangeId = null,
    IReadOnlyList<string>? Aliases = null) : IRequest<UnitDto>;

public sealed class CreateUnitValidator : AbstractValidator<CreateUnitCommand>
{
    public CreateUnitValidator()
    {
        RuleFor(x => x.Code).UnitCode();
        RuleFor(x => x.Name).UnitName();
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.ShortName).UnitShortName();
        RuleFor(x => x.ParentCode).OptionalUnitCode();
        RuleFor(x => x.DocumentExchangeId).DocumentExchangeId();
        RuleFor(x => x.Aliases).UnitAliases();
    }
}

public sealed class CreateUnitHandler(IAppDbContext db) : IRequestHandler<CreateUnitCommand, UnitDto>
{
    public async Task<UnitDto> Handle(CreateUnitCommand request, CancellationToken cancellationToken)
    {
        if (await db.Units.WithCode(request.Code!).AnyAsync(cancellationToken))
            throw new DomainException($"A unit with the code '{request.Code!.Trim()}' already exists.");
        var parentId = await db.ResolveParentAsync(request.ParentCode, cancellationToken);
        var unit = Unit.Create(request.Code!, request.Name!, request.Kind!.Value, request.ShortName, parentId,
            request.DocumentExchangeId, request.Aliases);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).ProjectToType<UnitDto>().FirstAsync(cancellationToken);
    }
}

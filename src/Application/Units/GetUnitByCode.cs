using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Read one unit by its code, without regard to case.</summary>
public sealed record GetUnitByCodeQuery(string Code) : IRequest<UnitDto>;

public sealed class GetUnitByCodeValidator : FluentValidation.AbstractValidator<GetUnitByCodeQuery>
{
    public GetUnitByCodeValidator() => RuleFor(x => x.Code).UnitCode();
}

public sealed class GetUnitByCodeHandler(IAppDbContext db) : IRequestHandler<GetUnitByCodeQuery, UnitDto>
{
    public async Task<UnitDto> Handle(GetUnitByCodeQuery request, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().WithCode(request.Code).ProjectToType<UnitDto>().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Unit", request.Code);
}

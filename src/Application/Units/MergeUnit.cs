using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Common;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>
/// Merge a unit into another (sáp nhập, as the 2025 reorganisation merged many): the unit becomes inactive and the
/// registry records its successor, which takes over its open obligations with their history; what the merged unit
/// finished stays its own.
/// </summary>
/// <param name="SuccessorCode">The unit it is merged into; must be active.</param>
/// <param name="MergedOn">The date of the merger; not in the future.</param>
public sealed record MergeUnitCommand(string? SuccessorCode, DateOnly? MergedOn) : IRequest<UnitDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class MergeUnitValidator : AbstractValidator<MergeUnitCommand>
{
    public MergeUnitValidator()
    {
        RuleFor(x => x.SuccessorCode).UnitCode();
        RuleFor(x => x.MergedOn).NotNull().InDateRange();
    }
}

public sealed class MergeUnitHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<MergeUnitCommand, UnitDto>
{
    public async Task<UnitDto> Handle(MergeUnitCommand request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Unit", request.Id);
        unit.EnsureVersion(request.ExpectedVersion);
        var known = await db.Units.ResolveCodeAsync("successorCode", request.SuccessorCode!, cancellationToken);
        var successor = await db.Units.FirstAsync(u => u.Id == known.Id, cancellationToken);
        if (request.MergedOn > TaskQueries.Today(clock))
            throw new DomainException(Localized.Text(
                $"A merger cannot be dated in the future ({request.MergedOn:yyyy-MM-dd}).",
                $"Ngày hợp nhất không được ở tương lai ({request.MergedOn:yyyy-MM-dd})."));
        unit.MergeInto(successor, request.MergedOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == unit.Id).ProjectToType<UnitDto>().FirstAsync(cancellationToken);
    }
}

using EmulationApi.Domain.Units;
using Mapster;

namespace EmulationApi.Application.Units;

/// <summary>A unit (đơn vị) as the API shows it.</summary>
/// <param name="SuccessorId">The unit it was merged into (sáp nhập); null unless merged.</param>
/// <param name="MergedOn">The date of the merger.</param>
/// <param name="Version">Concurrency version; the <c>ETag</c> header carries it as <c>"{version}"</c> for If-Match.</param>
public sealed record UnitDto(
    Guid Id,
    string Code,
    string Name,
    string? ShortName,
    UnitKind Kind,
    Guid? ParentId,
    string? ParentCode,
    string? DocumentExchangeId,
    IReadOnlyList<string> Aliases,
    bool IsActive,
    Guid? SuccessorId,
    string? SuccessorCode,
    DateOnly? MergedOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

public sealed class UnitMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<Unit, UnitDto>()
            .Map(d => d.ParentCode, s => s.Parent != null ? s.Parent.Code : null)
            .Map(d => d.SuccessorCode, s => s.Successor != null ? s.Successor.Code : null);
}

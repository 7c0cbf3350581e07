using EmulationApi.Domain.Units;

namespace EmulationApi.Application.Units;

/// <summary>A unit as other resources name it: id, code, name and kind, so a reader never needs a second call.</summary>
public sealed record UnitRefDto(Guid Id, string Code, string Name, UnitKind Kind);

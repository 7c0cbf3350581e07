using EmulationApi.Domain.Units;
using FluentValidation;

namespace EmulationApi.Application.Units;

/// <summary>What a unit says besides its code: the body of update, and of create with the code.</summary>
public abstract record UnitFields
{
    /// <summary>Vietnamese name, stored in Unicode NFC (e.g. <c>Sở Nội vụ</c>).</summary>
    public string? Name { get; init; }
    public UnitKind? Kind { get; init; }
    public string? ShortName { get; init; }
    /// <summary>Code of the parent unit, if any.</summary>
    public string? ParentCode { get; init; }
    public string? DocumentExchangeId { get; init; }
    /// <summary>Other spellings met in documents.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
}

public sealed class UnitFieldsValidator : AbstractValidator<UnitFields>
{
    public UnitFieldsValidator()
    {
        RuleFor(x => x.Name).UnitName();
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.ShortName).UnitShortName();
        RuleFor(x => x.ParentCode).OptionalUnitCode();
        RuleFor(x => x.DocumentExchangeId).DocumentExchangeId();
        RuleFor(x => x.Aliases).UnitAliases();
    }
}

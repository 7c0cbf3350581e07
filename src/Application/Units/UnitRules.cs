using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using FluentValidation;

namespace EmulationApi.Application.Units;

/// <summary>Field rules of a unit, shared by create, update and bulk import so that the three agree.</summary>
public static class UnitRules
{
    public static IRuleBuilderOptions<T, string?> UnitCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .MaximumLength(Unit.CodeMaxLength)
            .Matches(Unit.CodePattern).WithMessage(_ => Localized.Text(
                "'{PropertyName}' may hold only letters, digits, '.', '-' and '_', starting with a letter or digit.",
                "'{PropertyName}' chỉ được chứa chữ cái, chữ số, '.', '-' và '_', bắt đầu bằng chữ cái hoặc chữ số."));

    public static IRuleBuilderOptions<T, string?> OptionalUnitCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || Unit.IsValidCode(v.Trim()))
            .WithMessage(NotAUnitCode);

    /// <summary>
    /// A code in a list of codes: present and well formed. A predicate rather than NotEmpty, so that the list itself stays
    /// optional in the contract.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ListedUnitCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(v => Unit.IsValidCode(v?.Trim()))
            .WithMessage(NotAUnitCode);

    private static string NotAUnitCode<T>(T _) => Localized.Text("'{PropertyName}' is not a valid unit code.", "'{PropertyName}' không phải là mã đơn vị hợp lệ.");

    public static IRuleBuilderOptions<T, string?> UnitName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .CleanMaxLength(Unit.NameMaxLength);

    public static IRuleBuilderOptions<T, string?> UnitShortName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.CleanMaxLength(Unit.ShortNameMaxLength);

    public static IRuleBuilderOptions<T, string?> DocumentExchangeId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.CleanMaxLength(Unit.DocumentExchangeIdMaxLength);

    /// <summary>The length limit as stored: after NFC and white-space folding (a decomposed "ộ" counts once).</summary>
    public static IRuleBuilderOptions<T, string?> CleanMaxLength<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(v => (Domain.Common.Text.Clean(v)?.Length ?? 0) <= max)
            .WithMessage(_ => Localized.Text(
                $"'{{PropertyName}}' must be {max} characters or fewer.",
                $"'{{PropertyName}}' không được dài quá {max} ký tự."));

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> UnitAliases<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(a => a is null || a.Count <= Unit.MaxAliases).WithMessage(_ => Localized.Text(
                $"A unit has at most {Unit.MaxAliases} aliases.", $"Mỗi đơn vị có tối đa {Unit.MaxAliases} tên gọi khác."))
            .Must(a => a is null || a.All(x => (Domain.Common.Text.Clean(x)?.Length ?? 0) <= Unit.AliasMaxLength))
            .WithMessage(_ => Localized.Text(
                $"Each alias is at most {Unit.AliasMaxLength} characters.", $"Mỗi tên gọi khác dài tối đa {Unit.AliasMaxLength} ký tự."));
}

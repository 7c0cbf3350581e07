using EmulationApi.Domain.Common;
using FluentValidation;

namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// The one rule for every date and timestamp a request carries (<see cref="Dates"/>): out of range is a 400 on the
/// field, with the same message everywhere. An absent value passes; whether it is required is the field's own rule.
/// </summary>
public static class DateRules
{
    private static string Message<T>(T _) => Localized.Text(
        $"'{{PropertyName}}' must be between {Dates.Range}.",
        $"'{{PropertyName}}' phải nằm trong khoảng {Dates.Range}.");

    public static IRuleBuilderOptions<T, DateOnly?> InDateRange<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(d => d is not { } date || Dates.InRange(date)).WithMessage(Message<T>);

    public static IRuleBuilderOptions<T, DateOnly> InDateRange<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Must(Dates.InRange).WithMessage(Message<T>);

    public static IRuleBuilderOptions<T, DateTimeOffset?> InDateRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.Must(t => t is not { } instant || Dates.InRange(instant)).WithMessage(Message<T>);
}

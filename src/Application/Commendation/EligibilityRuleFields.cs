using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>What a rule says: the body of both create and update.</summary>
public abstract record EligibilityRuleFields
{
    public EligibilityRuleKind? Kind { get; init; }
    public string? RequiredAwardCode { get; init; }
    public int? Count { get; init; }
    public string? Citation { get; init; }
    public string? Explanation { get; init; }

    /// <summary>The required award the body names; an unknown code is a 400 on its field.</summary>
    public async Task<Award?> RequiredAwardAsync(IAppDbContext db, CancellationToken ct)
    {
        if (Text.Clean(RequiredAwardCode) is not { } required) return null;
        var code = AwardQueries.CodeKey(required);
        return await db.Awards.FirstOrDefaultAsync(a => a.Code == code, ct)
               ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("requiredAwardCode",
                   Localized.Text($"No catalog entry has the code '{code}'.", $"Không có danh hiệu, hình thức nào mang mã '{code}'."))]);
    }
}

public sealed class EligibilityRuleFieldsValidator : AbstractValidator<EligibilityRuleFields>
{
    public EligibilityRuleFieldsValidator()
    {
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.RequiredAwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Count).InclusiveBetween(1, EligibilityRule.MaxYears);
        RuleFor(x => x.Citation).NotEmpty().MaximumLength(EligibilityRule.CitationMaxLength);
        RuleFor(x => x.Explanation).NotEmpty().MaximumLength(EligibilityRule.ExplanationMaxLength);
    }
}

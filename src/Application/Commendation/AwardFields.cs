using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>What a catalog entry says: the body of both create and update, written once.</summary>
public abstract record AwardFields
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public AwardCategory? Category { get; init; }
    public AwardRecipient? Recipient { get; init; }
    public GrantingLevel? Level { get; init; }
    /// <summary>Nullable elements only so that a null is refused by the one null-element check, naming it (types[0]).</summary>
    public IReadOnlyList<CommendationType?>? Types { get; init; }
    public decimal? RewardCoefficient { get; init; }
    public string? LegalBasis { get; init; }

    /// <summary>Writes the fields; a code another entry holds is a 409.</summary>
    public async Task WriteToAsync(Award award, IAppDbContext db, CancellationToken ct)
    {
        var code = AwardQueries.CodeKey(Code!);
        if (await db.Awards.AnyAsync(a => a.Code == code && a.Id != award.Id, ct))
            throw new DomainException(Localized.Text($"The code '{code}' is already in the catalog.", $"Mã '{code}' đã có trong danh mục."));
        award.Describe(code, Name!, Category!.Value, Recipient!.Value, Level!.Value, (Types ?? []).OfType<CommendationType>(), RewardCoefficient, LegalBasis);
    }
}

public sealed class AwardFieldsValidator : AbstractValidator<AwardFields>
{
    public AwardFieldsValidator()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(Award.CodeMaxLength)
            .Matches(Award.CodePattern).WithMessage(_ => Localized.Text(
                "'code' holds letters, digits, '.', '_' and '-', starting with a letter or digit.",
                "'code' gồm chữ cái, chữ số, '.', '_' và '-', bắt đầu bằng chữ cái hoặc chữ số."));
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Award.NameMaxLength);
        RuleFor(x => x.Category).NotNull().IsInEnum();
        RuleFor(x => x.Recipient).NotNull().IsInEnum();
        RuleFor(x => x.Level).NotNull().IsInEnum();
        RuleFor(x => x.Types).Must(t => t is null || t.Count <= 6).WithMessage(_ => Localized.Text("At most 6 types.", "Tối đa 6 loại hình."));
        RuleForEach(x => x.Types).IsInEnum();
        RuleFor(x => x.RewardCoefficient).InclusiveBetween(0m, 1000m).PrecisionScale(9, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.LegalBasis).MaximumLength(Award.CitationMaxLength);
    }
}

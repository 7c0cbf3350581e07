using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;

namespace EmulationApi.Application.Plans;

/// <summary>The fields a plan is written with, shared by create and update.</summary>
public interface IPlanFields
{
    int Year { get; }
    string? Title { get; }
    string? Number { get; }
    string? IssuingBody { get; }
    string? Place { get; }
    DateOnly? IssueDate { get; }
    string? SignerName { get; }
    string? SignerTitle { get; }
    IReadOnlyList<string>? LegalBases { get; }
    string? Purpose { get; }
    string? Requirements { get; }
    IReadOnlyList<PlanSection>? Sections { get; }
    IReadOnlyList<string>? Recipients { get; }
}

public sealed class PlanFieldsValidator : AbstractValidator<IPlanFields>
{
    public PlanFieldsValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(Plan.TitleMaxLength);
        RuleFor(x => x.Number).MaximumLength(Plan.NumberMaxLength);
        RuleFor(x => x.IssuingBody).MaximumLength(Plan.BodyMaxLength);
        RuleFor(x => x.Place).MaximumLength(Plan.BodyMaxLength);
        RuleFor(x => x.SignerName).MaximumLength(Plan.PersonMaxLength);
        RuleFor(x => x.SignerTitle).MaximumLength(Plan.PersonMaxLength);
        RuleFor(x => x.Purpose).MaximumLength(Plan.TextMaxLength);
        RuleFor(x => x.Requirements).MaximumLength(Plan.TextMaxLength);
        RuleFor(x => x.LegalBases).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage($"At most {Plan.MaxListItems} items.");
        RuleFor(x => x.Recipients).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage($"At most {Plan.MaxListItems} items.");
        RuleFor(x => x.Sections).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage($"At most {Plan.MaxListItems} items.");
        RuleForEach(x => x.Sections).Must(s => s is not null && !string.IsNullOrWhiteSpace(s.Heading)).WithMessage("Each section needs a heading.");
    }
}

public static class PlanWriting
{
    public static void WriteTo(this IPlanFields f, Plan plan) =>
        plan.Revise(f.Year, f.Title!, f.Number, f.IssuingBody, f.Place, f.IssueDate, f.SignerName, f.SignerTitle,
            f.LegalBases, f.Purpose, f.Requirements, f.Sections, f.Recipients);
}

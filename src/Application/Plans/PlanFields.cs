using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;

namespace EmulationApi.Application.Plans;

/// <summary>What a plan says: the body of both create and update, written once.</summary>
public abstract record PlanFields
{
    public int Year { get; init; }
    public string? Title { get; init; }
    public string? Number { get; init; }
    public string? IssuingBody { get; init; }
    public string? Place { get; init; }
    public DateOnly? IssueDate { get; init; }
    public string? SignerName { get; init; }
    public string? SignerTitle { get; init; }
    public IReadOnlyList<string>? LegalBases { get; init; }
    public string? Purpose { get; init; }
    public string? Requirements { get; init; }
    public IReadOnlyList<PlanSection>? Sections { get; init; }
    public IReadOnlyList<string>? Recipients { get; init; }

    /// <summary>Replaces what the (draft) plan says with these fields.</summary>
    public void WriteTo(Plan plan) =>
        plan.Revise(Year, Title!, new DocumentReference(Number, IssueDate), IssuingBody, Place, new Signer(SignerName, SignerTitle),
            new PlanContent(LegalBases, Purpose, Requirements, Sections, Recipients));
}

public sealed class PlanFieldsValidator : AbstractValidator<PlanFields>
{
    public PlanFieldsValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(Plan.TitleMaxLength);
        RuleFor(x => x.Number).MaximumLength(Plan.NumberMaxLength);
        RuleFor(x => x.IssueDate).InDateRange();
        RuleFor(x => x.IssuingBody).MaximumLength(Plan.BodyMaxLength);
        RuleFor(x => x.Place).MaximumLength(Plan.BodyMaxLength);
        RuleFor(x => x.SignerName).MaximumLength(Plan.PersonMaxLength);
        RuleFor(x => x.SignerTitle).MaximumLength(Plan.PersonMaxLength);
        RuleFor(x => x.Purpose).MaximumLength(Plan.TextMaxLength);
        RuleFor(x => x.Requirements).MaximumLength(Plan.TextMaxLength);
        RuleFor(x => x.LegalBases).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage(_ => Localized.Text($"At most {Plan.MaxListItems} items.", $"Tối đa {Plan.MaxListItems} mục."));
        RuleFor(x => x.Recipients).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage(_ => Localized.Text($"At most {Plan.MaxListItems} items.", $"Tối đa {Plan.MaxListItems} mục."));
        RuleFor(x => x.Sections).Must(l => l is null || l.Count <= Plan.MaxListItems).WithMessage(_ => Localized.Text($"At most {Plan.MaxListItems} items.", $"Tối đa {Plan.MaxListItems} mục."));
        RuleForEach(x => x.Sections).Must(s => !string.IsNullOrWhiteSpace(s.Heading)).WithMessage(_ => Localized.Text("Each section needs a heading.", "Mỗi mục cần có tiêu đề."));
        RuleForEach(x => x.Sections).ChildRules(s => s.RuleFor(x => x.Body).NotNull().WithMessage(_ => Localized.Text("Each section needs a body; send \"\" for an empty one.", "Mỗi mục cần có nội dung; gửi \"\" nếu mục không có nội dung.")));
    }
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Plans;

/// <summary>
/// A plan document (kế hoạch), e.g. the province's yearly plan for emulation and commendation work. Only a draft can be
/// edited; issuing needs a number and a date; an issued plan is closed at the end of its work.
/// </summary>
public sealed class Plan : Entity
{
    public const int TitleMaxLength = 500;
    public const int NumberMaxLength = 50;
    public const int BodyMaxLength = 200;
    public const int PersonMaxLength = 200;
    public const int TextMaxLength = 20_000;
    public const int MaxListItems = 200;

    private List<string> _legalBases = [];
    private List<string> _recipients = [];
    private List<PlanSection> _sections = [];

    private Plan() { Title = null!; }

    public int Year { get; private set; }
    /// <summary>The document number, e.g. "12/KH-UBND"; null while drafting.</summary>
    public string? Number { get; private set; }
    public string Title { get; private set; }
    public string? IssuingBody { get; private set; }
    public string? Place { get; private set; }
    public DateOnly? IssueDate { get; private set; }
    public string? SignerName { get; private set; }
    public string? SignerTitle { get; private set; }
    /// <summary>Căn cứ: the documents the plan rests on, in order.</summary>
    public IReadOnlyList<string> LegalBases => _legalBases;
    public string? Purpose { get; private set; }
    public string? Requirements { get; private set; }
    public IReadOnlyList<PlanSection> Sections => _sections;
    /// <summary>Nơi nhận: who receives the plan.</summary>
    public IReadOnlyList<string> Recipients => _recipients;
    public PlanStatus Status { get; private set; } = PlanStatus.Draft;

    public static Plan Create(int year, string title) => new() { Year = CheckYear(year), Title = Required(title, TitleMaxLength, "Title") };

    /// <summary>Replaces everything a draft says. Refused once the plan is issued.</summary>
    public void Revise(int year, string title, DocumentReference reference, string? issuingBody, string? place, Signer signer, PlanContent content)
    {
        EnsureDraft("edited");
        Year = CheckYear(year);
        Title = Required(title, TitleMaxLength, "Title");
        Number = Optional(reference.Number, NumberMaxLength, "Number");
        IssuingBody = Optional(issuingBody, BodyMaxLength, "Issuing body");
        Place = Optional(place, BodyMaxLength, "Place");
        IssueDate = reference.Date;
        SignerName = Optional(signer.Name, PersonMaxLength, "Signer name");
        SignerTitle = Optional(signer.Title, PersonMaxLength, "Signer title");
        _legalBases = List(content.LegalBases, "Legal bases");
        Purpose = Optional(content.Purpose, TextMaxLength, "Purpose");
        Requirements = Optional(content.Requirements, TextMaxLength, "Requirements");
        _sections = (content.Sections ?? []).Select(s => new PlanSection(Required(s.Heading, TitleMaxLength, "Section heading"),
            Optional(s.Body, TextMaxLength, "Section body") ?? "")).ToList();
        if (_sections.Count > MaxListItems) throw new DomainException($"A plan has at most {MaxListItems} sections.");
        _recipients = List(content.Recipients, "Recipients");
    }

    /// <summary>Ban hành: the plan takes effect. Needs a number and an issue date (given here or already set).</summary>
    public void Issue(string? number, DateOnly? issueDate)
    {
        EnsureDraft("issued");
        var finalNumber = Optional(number, NumberMaxLength, "Number") ?? Number;
        var finalDate = issueDate ?? IssueDate;
        if (finalNumber is null) throw new DomainException("A plan needs its number (số ký hiệu) to be issued.");
        if (finalDate is null) throw new DomainException("A plan needs its issue date to be issued.");
        Number = finalNumber;
        IssueDate = finalDate;
        Status = PlanStatus.Issued;
    }

    /// <summary>Kết thúc: the plan's work is over; its tasks take no more progress reports.</summary>
    public void Close()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft ? "A draft plan cannot be closed; issue it first." : "The plan is already closed.");
        Status = PlanStatus.Closed;
    }

    /// <summary>Tasks are added, changed or removed only while the plan is a draft.</summary>
    public void EnsureDraft(string action)
    {
        if (Status != PlanStatus.Draft)
            throw new DomainException($"The plan is {Status.ToString().ToLowerInvariant()}; only a draft can be {action}.");
    }

    /// <summary>Only an issued plan is amended: a draft is edited directly, a closed plan is over.</summary>
    public void EnsureAmendable()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft
                ? "The plan is still a draft; edit its tasks directly instead of amending it."
                : "The plan is closed; it can no longer be amended.");
    }

    /// <summary>Progress is reported only on an issued plan's tasks.</summary>
    public void EnsureAcceptsProgress()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft
                ? "The plan is still a draft; progress is reported once it is issued."
                : "The plan is closed; it takes no more progress reports.");
    }

    private static int CheckYear(int year) =>
        Years.InRange(year) ? year : throw new DomainException(Years.OutOfRange(year));

    private static string Required(string? value, int max, string field) => Optional(value, max, field) ?? throw new DomainException($"{field} must not be empty.");

    private static string? Optional(string? value, int max, string field)
    {
        var clean = Text.Clean(value);
        return clean is not null && clean.Length > max ? throw new DomainException($"{field} is longer than {max} characters.") : clean;
    }

    private static List<string> List(IEnumerable<string>? items, string field)
    {
        var list = (items ?? []).Select(i => Optional(i, TextMaxLength, field)).OfType<string>().ToList();
        return list.Count > MaxListItems ? throw new DomainException($"{field}: at most {MaxListItems} items.") : list;
    }
}

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

    public static Plan Create(int year, string title) => new() { Year = CheckYear(year), Title = Required(title, TitleMaxLength, Localized.Text("Title", "Trích yếu")) };

    /// <summary>Replaces everything a draft says. Refused once the plan is issued.</summary>
    public void Revise(int year, string title, DocumentReference reference, string? issuingBody, string? place, Signer signer, PlanContent content)
    {
        EnsureDraft(Localized.Text("edited", "chỉnh sửa"));
        Year = CheckYear(year);
        Title = Required(title, TitleMaxLength, Localized.Text("Title", "Trích yếu"));
        Number = Optional(reference.Number, NumberMaxLength, Localized.Text("Number", "Số hiệu văn bản"));
        IssuingBody = Optional(issuingBody, BodyMaxLength, Localized.Text("Issuing body", "Cơ quan ban hành"));
        Place = Optional(place, BodyMaxLength, Localized.Text("Place", "Địa danh"));
        IssueDate = reference.Date;
        SignerName = Optional(signer.Name, PersonMaxLength, Localized.Text("Signer name", "Họ tên người ký"));
        SignerTitle = Optional(signer.Title, PersonMaxLength, Localized.Text("Signer title", "Chức vụ người ký"));
        _legalBases = List(content.LegalBases, Localized.Text("Legal bases", "Căn cứ"));
        Purpose = Optional(content.Purpose, TextMaxLength, Localized.Text("Purpose", "Mục đích"));
        Requirements = Optional(content.Requirements, TextMaxLength, Localized.Text("Requirements", "Yêu cầu"));
        _sections = (content.Sections ?? []).Select(s => new PlanSection(Required(s.Heading, TitleMaxLength, Localized.Text("Section heading", "Tiêu đề mục")),
            Optional(s.Body, TextMaxLength, Localized.Text("Section body", "Nội dung mục")) ?? "")).ToList();
        if (_sections.Count > MaxListItems) throw new DomainException(Localized.Text($"A plan has at most {MaxListItems} sections.", $"Mỗi kế hoạch có tối đa {MaxListItems} mục."));
        _recipients = List(content.Recipients, Localized.Text("Recipients", "Nơi nhận"));
    }

    /// <summary>Ban hành: the plan takes effect. Needs a number and an issue date (given here or already set).</summary>
    public void Issue(string? number, DateOnly? issueDate)
    {
        EnsureDraft(Localized.Text("issued", "ban hành"));
        var finalNumber = Optional(number, NumberMaxLength, Localized.Text("Number", "Số hiệu văn bản")) ?? Number;
        var finalDate = issueDate ?? IssueDate;
        if (finalNumber is null) throw new DomainException(Localized.Text("A plan needs its number (số ký hiệu) to be issued.", "Kế hoạch cần có số hiệu văn bản (số ký hiệu) để ban hành."));
        if (finalDate is null) throw new DomainException(Localized.Text("A plan needs its issue date to be issued.", "Kế hoạch cần có ngày ban hành để ban hành."));
        Number = finalNumber;
        IssueDate = finalDate;
        Status = PlanStatus.Issued;
    }

    /// <summary>Kết thúc: the plan's work is over; its tasks take no more progress reports.</summary>
    public void Close()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft
                ? Localized.Text("A draft plan cannot be closed; issue it first.", "Kế hoạch dự thảo không thể kết thúc; hãy ban hành trước.")
                : Localized.Text("The plan is already closed.", "Kế hoạch đã kết thúc."));
        Status = PlanStatus.Closed;
    }

    /// <summary>Tasks are added, changed or removed only while the plan is a draft.</summary>
    public void EnsureDraft(string action)
    {
        if (Status != PlanStatus.Draft)
            throw new DomainException(Localized.Text(
                $"The plan is {Status.ToString().ToLowerInvariant()}; only a draft can be {action}.",
                $"Kế hoạch {VietnameseStatus()}; chỉ có thể {action} khi kế hoạch còn là dự thảo."));
    }

    /// <summary>Only an issued plan is amended: a draft is edited directly, a closed plan is over.</summary>
    public void EnsureAmendable()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft
                ? Localized.Text("The plan is still a draft; edit its tasks directly instead of amending it.",
                    "Kế hoạch vẫn là dự thảo; hãy chỉnh sửa trực tiếp các nhiệm vụ thay vì sửa đổi, bổ sung kế hoạch.")
                : Localized.Text("The plan is closed; it can no longer be amended.",
                    "Kế hoạch đã kết thúc; không thể sửa đổi, bổ sung nữa."));
    }

    /// <summary>Progress is reported only on an issued plan's tasks.</summary>
    public void EnsureAcceptsProgress()
    {
        if (Status != PlanStatus.Issued)
            throw new DomainException(Status == PlanStatus.Draft
                ? Localized.Text("The plan is still a draft; progress is reported once it is issued.",
                    "Kế hoạch vẫn là dự thảo; chỉ báo cáo tiến độ sau khi kế hoạch được ban hành.")
                : Localized.Text("The plan is closed; it takes no more progress reports.",
                    "Kế hoạch đã kết thúc; không nhận thêm báo cáo tiến độ."));
    }

    /// <summary>The state of a plan that is no longer a draft, as the refusal says it in Vietnamese.</summary>
    private string VietnameseStatus() => Status == PlanStatus.Closed ? "đã kết thúc" : "đã ban hành";

    private static int CheckYear(int year) =>
        Years.InRange(year) ? year : throw new DomainException(Years.OutOfRange(year));

    private static string Required(string? value, int max, string field) => Optional(value, max, field) ?? throw new DomainException(Localized.Text($"{field} must not be empty.", $"{field} không được để trống."));

    private static string? Optional(string? value, int max, string field)
    {
        var clean = Text.Clean(value);
        return clean is not null && clean.Length > max ? throw new DomainException(Localized.Text($"{field} is longer than {max} characters.", $"{field} dài quá {max} ký tự.")) : clean;
    }

    private static List<string> List(IEnumerable<string>? items, string field)
    {
        var list = (items ?? []).Select(i => Optional(i, TextMaxLength, field)).OfType<string>().ToList();
        return list.Count > MaxListItems ? throw new DomainException(Localized.Text($"{field}: at most {MaxListItems} items.", $"{field}: tối đa {MaxListItems} mục.")) : list;
    }
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>What an eligibility rule checks.</summary>
public enum EligibilityRuleKind
{
    /// <summary>The nominee holds the required award in the register for <c>count</c> consecutive years ending with the year evaluated.</summary>
    ConsecutiveYears,
    /// <summary>The nominee unit is the one its provincial cluster/bloc's published ranking of the year proposes for the emulation flag.</summary>
    LeadsClusterRanking,
    /// <summary>Not disciplined in the period: data the system does not hold, so only the dossier's declaration can answer it.</summary>
    NotDisciplined,
}

/// <summary>
/// A prerequisite of a catalog entry, as data: its kind, its parameters (the required award and the number of years
/// for <see cref="EligibilityRuleKind.ConsecutiveYears"/>), the article it encodes and a Vietnamese explanation.
/// </summary>
public sealed class EligibilityRule : Entity
{
    public const int CitationMaxLength = 500;
    public const int ExplanationMaxLength = 1000;
    public const int MaxYears = 20;

    private EligibilityRule() { Citation = null!; Explanation = null!; }

    public Guid AwardId { get; private set; }
    public EligibilityRuleKind Kind { get; private set; }
    /// <summary>For ConsecutiveYears: the award that must be held.</summary>
    public Guid? RequiredAwardId { get; private set; }
    /// <summary>For ConsecutiveYears: how many consecutive years.</summary>
    public int? Count { get; private set; }
    /// <summary>The article the rule encodes.</summary>
    public string Citation { get; private set; }
    /// <summary>What the rule means, in Vietnamese, as the evaluation shows it.</summary>
    public string Explanation { get; private set; }

    public static EligibilityRule Create(Award award, EligibilityRuleKind kind, Award? requiredAward, int? count, string citation, string explanation)
    {
        ArgumentNullException.ThrowIfNull(award);
        var rule = new EligibilityRule { AwardId = award.Id };
        rule.Describe(kind, requiredAward, count, citation, explanation);
        return rule;
    }

    public void Describe(EligibilityRuleKind kind, Award? requiredAward, int? count, string citation, string explanation)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException(Localized.Text($"Unknown rule kind '{kind}'.", $"Loại quy tắc '{kind}' không xác định."));
        if (kind == EligibilityRuleKind.ConsecutiveYears)
        {
            if (requiredAward is null || count is null)
                throw new DomainException(Localized.Text("A ConsecutiveYears rule names the required award and the number of years.",
                    "Quy tắc ConsecutiveYears cần ghi danh hiệu, hình thức phải đạt và số năm liên tục."));
            if (count is < 1 or > MaxYears)
                throw new DomainException(Localized.Text($"The number of years is between 1 and {MaxYears}.", $"Số năm phải từ 1 đến {MaxYears}."));
            if (requiredAward.Id == AwardId)
                throw new DomainException(Localized.Text("An award cannot require itself.", "Danh hiệu, hình thức không thể là điều kiện của chính nó."));
        }
        else if (requiredAward is not null || count is not null)
        {
            throw new DomainException(Localized.Text($"A {kind} rule takes no required award and no number of years.",
                $"Quy tắc {kind} không có danh hiệu, hình thức phải đạt và số năm."));
        }
        Kind = kind;
        RequiredAwardId = requiredAward?.Id;
        Count = count;
        Citation = Text.Limit(Text.Required(citation, Localized.Text("The citation", "Căn cứ")), CitationMaxLength, Localized.Text("Citation", "Căn cứ"));
        Explanation = Text.Limit(Text.Required(explanation, Localized.Text("The explanation", "Diễn giải")), ExplanationMaxLength, Localized.Text("Explanation", "Diễn giải"));
    }
}

/// <summary>What an eligibility rule (or all of an award's rules together) answers for a nominee.</summary>
public enum EligibilityOutcome
{
    Met,
    NotMet,
    /// <summary>The system holds no data to decide (or the data is ambiguous): a person must check.</summary>
    CannotTell,
}

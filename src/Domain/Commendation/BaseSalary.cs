using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>
/// The base salary (mức lương cơ sở) in force from a date, with the text that set it: dated configuration, so that an
/// award's amount is computed with the value of its decision date, however late it is computed.
/// </summary>
public sealed class BaseSalary : Entity
{
    public const int CitationMaxLength = 500;
    public const long MaxAmount = 1_000_000_000;

    private BaseSalary() { LegalBasis = null!; }

    public DateOnly EffectiveFrom { get; private set; }
    /// <summary>VND per month.</summary>
    public long Amount { get; private set; }
    public string LegalBasis { get; private set; }

    public static BaseSalary Create(DateOnly effectiveFrom, long amount, string legalBasis)
    {
        var salary = new BaseSalary();
        salary.Describe(effectiveFrom, amount, legalBasis);
        return salary;
    }

    public void Describe(DateOnly effectiveFrom, long amount, string legalBasis)
    {
        if (!Dates.InRange(effectiveFrom)) throw new DomainException(Localized.Text($"The date must be between {Dates.Range}.", $"Ngày phải trong khoảng {Dates.Range}."));
        if (amount is <= 0 or > MaxAmount) throw new DomainException(Localized.Text($"The amount is between 1 and {MaxAmount} VND.", $"Mức lương cơ sở phải từ 1 đến {MaxAmount} đồng."));
        EffectiveFrom = effectiveFrom;
        Amount = amount;
        LegalBasis = Text.Limit(Text.Required(legalBasis, Localized.Text("The legal basis", "Căn cứ pháp lý")), CitationMaxLength, Localized.Text("Legal basis", "Căn cứ pháp lý"));
    }

    /// <summary>
    /// An award's amount: coefficient × base salary, rounded to the whole đồng (half away from zero) — the decree's own
    /// rounding rule, if it has one, was not found in the text read.
    /// </summary>
    public long AmountFor(decimal coefficient) => (long)Math.Round(coefficient * Amount, 0, MidpointRounding.AwayFromZero);
}

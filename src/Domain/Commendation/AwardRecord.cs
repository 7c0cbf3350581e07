using EmulationApi.Domain.Common;

namespace EmulationApi.Domain.Commendation;

/// <summary>How an entry came into the register.</summary>
public enum AwardRecordSource
{
    /// <summary>Recorded from a decision taken through the system (the dossiers' decisions write these).</summary>
    Decision,
    /// <summary>Entered by an editor for an award received before the system.</summary>
    History,
}

/// <summary>The decision that granted an award: number, date and signer.</summary>
public sealed record AwardDecision(string Number, DateOnly Date, string? Signer);

/// <summary>
/// One line of the award register (sổ theo dõi khen thưởng): a title or form received by a unit, or by a person named
/// with their unit (and birth year if known — never a national ID number), for a year, by a decision.
/// What the eligibility rules read.
/// </summary>
public sealed class AwardRecord : Entity
{
    public const int PersonNameMaxLength = 200;
    public const int DecisionNumberMaxLength = 100;
    public const int SignerMaxLength = 200;
    public const int NoteMaxLength = 1000;

    private AwardRecord() { DecisionNumber = null!; }

    public Guid AwardId { get; private set; }
    /// <summary>The year the achievement is counted for (năm đạt thành tích).</summary>
    public int Year { get; private set; }
    /// <summary>The collective recipient, or the person's unit.</summary>
    public Guid UnitId { get; private set; }
    /// <summary>The person, for an individual award; null for a collective one.</summary>
    public string? PersonName { get; private set; }
    public int? PersonBirthYear { get; private set; }
    public string DecisionNumber { get; private set; }
    public DateOnly DecisionDate { get; private set; }
    public string? DecisionSigner { get; private set; }
    public AwardRecordSource Source { get; private set; }
    /// <summary>The dossier whose decision wrote the line; null for history (and for lines written before it was kept).</summary>
    public Guid? DossierId { get; private set; }
    public string? Note { get; private set; }
    /// <summary>VND the decision awarded, fixed when it was taken: the award's coefficient × the base salary in force on the
    /// decision date (<see cref="BaseSalary.AmountFor"/>). Null for an award without a coefficient, when no base salary was in
    /// force on that date, and for history lines.</summary>
    public long? Amount { get; private set; }

    /// <summary>Whether the line names a person (an individual award) rather than the unit itself.</summary>
    public bool ForPerson => PersonName is not null;

    /// <summary>The line a dossier's decision writes for an approved unit or person: the dossier's year, the nominee's unit
    /// (and a person's name), the award asked for, and the amount of the award on the decision date: the award's coefficient ×
    /// <paramref name="baseSalary"/> (the one in force that day); null without a coefficient or without a base salary.</summary>
    public static AwardRecord FromDossier(Award award, Dossier dossier, Nominee nominee, AwardDecision decision, BaseSalary? baseSalary)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(nominee);
        var line = Create(award, dossier.Year, nominee.UnitId, nominee.Kind == NomineeKind.Individual ? nominee.Name : null, null, decision,
            AwardRecordSource.Decision, null);
        line.DossierId = dossier.Id;
        if (baseSalary is not null && baseSalary.EffectiveFrom > decision.Date)
            throw new InvalidOperationException("The base salary passed is not in force on the decision date.");
        line.Amount = award.RewardCoefficient is { } coefficient && baseSalary is not null ? baseSalary.AmountFor(coefficient) : null;
        return line;
    }

    public static AwardRecord Create(Award award, int year, Guid unitId, string? personName, int? personBirthYear, AwardDecision decision,
        AwardRecordSource source, string? note)
    {
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(decision);
        if (!Years.InRange(year)) throw new DomainException(Years.OutOfRange(year));
        if (!Enum.IsDefined(source)) throw new DomainException(Localized.Text($"Unknown source '{source}'.", $"Nguồn '{source}' không xác định."));
        var person = Text.Limit(Text.Clean(personName), PersonNameMaxLength, Localized.Text("Person's name", "Họ và tên"));
        if (award.Recipient == AwardRecipient.Individual && person is null)
            throw new DomainException(Localized.Text($"'{award.Code}' is given to individuals: name the person.", $"'{award.Code}' tặng cho cá nhân: cần ghi họ và tên."));
        if (award.Recipient == AwardRecipient.Collective && person is not null)
            throw new DomainException(Localized.Text($"'{award.Code}' is given to collectives: the unit receives it, not a person.", $"'{award.Code}' tặng cho tập thể: đơn vị nhận, không ghi cá nhân."));
        if (person is null && personBirthYear is not null)
            throw new DomainException(Localized.Text("A birth year belongs to a person.", "Năm sinh chỉ ghi cho cá nhân."));
        if (personBirthYear is { } born && (born < 1900 || born > year))
            throw new DomainException(Localized.Text("The birth year is between 1900 and the award's year.", "Năm sinh phải từ 1900 đến năm khen thưởng."));
        if (!Dates.InRange(decision.Date)) throw new DomainException(Localized.Text($"The decision date must be between {Dates.Range}.", $"Ngày quyết định phải trong khoảng {Dates.Range}."));
        if (decision.Date.Year < year) throw new DomainException(Localized.Text("The decision cannot be dated before the year it rewards.", "Ngày quyết định không thể trước năm được khen thưởng."));
        return new AwardRecord
        {
            AwardId = award.Id,
            Year = year,
            UnitId = unitId,
            PersonName = person,
            PersonBirthYear = personBirthYear,
            DecisionNumber = Text.Limit(Text.Required(decision.Number, Localized.Text("The decision number", "Số quyết định")), DecisionNumberMaxLength, Localized.Text("Decision number", "Số quyết định")),
            DecisionDate = decision.Date,
            DecisionSigner = Text.Limit(Text.Clean(decision.Signer), SignerMaxLength, Localized.Text("Signer", "Người ký")),
            Source = source,
            Note = Text.Limit(Text.Clean(note), NoteMaxLength, Localized.Text("Note", "Ghi chú")),
        };
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>The outcome for one nominee.</summary>
/// <param name="NomineeId">The nominee's id, as the dossier lists it.</param>
/// <param name="Reason">Required when not approved.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record NomineeOutcomeFields(Guid? NomineeId, NomineeOutcome? Outcome, string? Reason = null);

/// <summary>Record the decision, per nominee: from council review for awards the province decides, or, for a dossier
/// forwarded to a higher level, that level's decision when it comes back.</summary>
/// <param name="Outcomes">One outcome per nominee of the dossier, each nominee once.</param>
/// <param name="Date">The decision's day (by default today).</param>
/// <param name="DocumentReference">The decision (e.g. "Quyết định số 123/QĐ-UBND"); required when a nominee is approved: it is the
/// decision number of the register lines the decision writes.</param>
/// <param name="Signer">Who signed the decision (e.g. "Chủ tịch UBND tỉnh"), written to the register lines.</param>
public sealed record DecideDossierCommand(IReadOnlyList<NomineeOutcomeFields>? Outcomes, DateOnly? Date = null, string? DocumentReference = null,
    string? Signer = null) : IRequest<DossierDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class DecideDossierValidator : AbstractValidator<DecideDossierCommand>
{
    public DecideDossierValidator()
    {
        RuleFor(x => x.Outcomes).NotEmpty().Must(l => l is null || l.Count <= Dossier.MaxNominees)
            .WithMessage(_ => Localized.Text($"At most {Dossier.MaxNominees} outcomes.", $"Tối đa {Dossier.MaxNominees} kết quả."));
        RuleForEach(x => x.Outcomes).SetValidator(new NomineeOutcomeFieldsValidator());
        RuleFor(x => x.Date).InDateRange();
        RuleFor(x => x.DocumentReference).MaximumLength(Dossier.ReferenceMaxLength);
        RuleFor(x => x.DocumentReference).NotEmpty()
            .WithMessage(_ => Localized.Text("A decision approving a nominee names its number: it goes into the award register.",
                "Quyết định khen thưởng phải có số quyết định: số này được ghi vào sổ theo dõi khen thưởng."))
            .MaximumLength(AwardRecord.DecisionNumberMaxLength)
            .When(x => x.Outcomes?.Any(o => o?.Outcome == NomineeOutcome.Approved) == true);
        RuleFor(x => x.Signer).MaximumLength(AwardRecord.SignerMaxLength);
    }
}

/// <summary>One nominee's outcome. A validator of its own (not inline child rules) so that the OpenAPI document reads
/// what it demands: a generated client then gets <c>nomineeId</c> and <c>outcome</c> required and not nullable, and
/// <c>reason</c> optional.</summary>
public sealed class NomineeOutcomeFieldsValidator : AbstractValidator<NomineeOutcomeFields>
{
    public NomineeOutcomeFieldsValidator()
    {
        RuleFor(x => x.NomineeId).NotNull();
        RuleFor(x => x.Outcome).NotNull().IsInEnum();
        RuleFor(x => x.Reason).MaximumLength(Nominee.ReasonMaxLength);
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Outcome == NomineeOutcome.NotApproved)
            .WithMessage(_ => Localized.Text("A nominee not approved is given the reason.", "Đối tượng không được khen thưởng phải có lý do."));
    }
}

public sealed class DecideDossierHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<DecideDossierCommand, DossierDto>
{
    public Task<DossierDto> Handle(DecideDossierCommand request, CancellationToken cancellationToken) =>
        db.TakeStepAsync(new DossierStepContext(client, settings, clock), request.Id, request.ExpectedVersion, async (dossier, today) =>
        {
            var outcomes = request.Outcomes!;
            EnsureEveryNomineeOnce(dossier, outcomes);
            var record = client.Record(request.Date, today, request.DocumentReference);
            dossier.Decide(record, [.. outcomes.Select(o => new NomineeDecision(o.NomineeId!.Value, o.Outcome!.Value, o.Reason))],
                await db.AsksHigherAwardAsync(dossier, cancellationToken));
            await db.RegisterAsync(dossier, new AwardDecision(request.DocumentReference!, record.Date, request.Signer), cancellationToken);
        }, cancellationToken);

    /// <summary>400 on the outcomes naming a nominee the dossier lacks or one twice, and on the list when one is missing.</summary>
    private static void EnsureEveryNomineeOnce(Dossier dossier, IReadOnlyList<NomineeOutcomeFields> outcomes)
    {
        var known = dossier.Nominees.Select(n => n.Id).ToHashSet();
        var failures = outcomes.Select((o, i) => (o, i))
            .Where(x => !known.Contains(x.o.NomineeId!.Value))
            .Select(x => new ValidationFailure($"outcomes[{x.i}].nomineeId", Localized.Text($"The dossier has no nominee '{x.o.NomineeId}'.", $"Hồ sơ không có đối tượng '{x.o.NomineeId}'.")))
            .Concat(outcomes.Select((o, i) => (o, i)).GroupBy(x => x.o.NomineeId).SelectMany(g => g.Skip(1))
                .Select(x => new ValidationFailure($"outcomes[{x.i}].nomineeId", Localized.Text("This nominee is decided twice.", "Đối tượng này được quyết định hai lần."))))
            .ToList();
        var missing = dossier.Nominees.Where(n => outcomes.All(o => o.NomineeId != n.Id)).Select(n => n.Id).ToList();
        if (missing.Count > 0)
            failures.Add(new ValidationFailure("outcomes", Localized.Text($"Every nominee is decided; missing: {string.Join(", ", missing)}.", $"Phải quyết định mọi đối tượng; còn thiếu: {string.Join(", ", missing)}.")));
        if (failures.Count > 0) throw new ValidationException(failures);
    }
}

public static class DossierRegister
{
    /// <summary>
    /// The register lines a decision writes, saved with it: one per approved unit or person (source Decision, the
    /// dossier's year, the decision's number, date and signer); nothing for a nominee not approved. An approved small
    /// collective writes none: the register has no place for a collective inside a unit, and a line on its parent unit
    /// would count as the unit's own award for the eligibility rules. Each line carries the award's amount fixed on the
    /// decision date (coefficient × the base salary in force that day); null when the award has no coefficient or no base
    /// salary is in force then — the decision is not blocked for it.
    /// </summary>
    public static async Task RegisterAsync(this IAppDbContext db, Dossier dossier, AwardDecision decision, CancellationToken ct)
    {
        var approved = dossier.Nominees.Where(n => n.Outcome == NomineeOutcome.Approved && n.Kind != NomineeKind.SmallCollective).OrderBy(n => n.Sequence).ToList();
        if (approved.Count == 0) return;
        var awardIds = approved.Select(n => n.AwardId).Distinct().ToList();
        var awards = await db.Awards.Where(a => awardIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var baseSalary = awards.Values.Any(a => a.RewardCoefficient is not null) ? await db.BaseSalaries.InForceOnOrNullAsync(decision.Date, ct) : null;
        foreach (var nominee in approved)
        {
            db.AwardRecords.Add(AwardRecord.FromDossier(awards[nominee.AwardId], dossier, nominee, decision, baseSalary));
        }
    }
}

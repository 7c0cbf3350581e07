using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A catalog entry as the seed states it from the law.</summary>
public sealed record StatutoryAward(string Code, string Name, AwardCategory Category, AwardRecipient Recipient, GrantingLevel Level,
    decimal? RewardCoefficient, string LegalBasis);

/// <summary>
/// An eligibility rule as the seed states it: <paramref name="SeedKey"/> names it for good (the seed adds it once), the
/// award and the required award by code, and the article it encodes.
/// </summary>
public sealed record StatutoryRule(string SeedKey, string AwardCode, EligibilityRuleKind Kind, string? RequiredAwardCode, int? Count,
    string Citation, string Explanation);

/// <summary>A base salary as the seed states it.</summary>
public sealed record StatutoryBaseSalary(DateOnly EffectiveFrom, long Amount, string LegalBasis);

/// <summary>
/// Loads the catalog entries, eligibility rules and base salaries the law defines (the seed step of command 1).
/// Idempotent: an entry whose code (a salary whose date) is already there is left as it is — an admin's later edit is not
/// undone. A rule is added once: its seed key is marked (<see cref="SeededRule"/>) in the same save, and a key already
/// marked adds nothing, so a seeded rule an admin edited or deleted stays so. A rule names its award and required award among
/// the seed's own entries, which the same run creates when their code is missing.
/// </summary>
public sealed record LoadCatalogCommand(IReadOnlyList<StatutoryAward> Awards, IReadOnlyList<StatutoryRule> Rules, IReadOnlyList<StatutoryBaseSalary> BaseSalaries)
    : IRequest<LoadCatalogResult>;

public sealed record LoadCatalogResult(int AwardsCreated, int AwardsUnchanged, int RulesCreated, int RulesUnchanged, int BaseSalariesCreated, int BaseSalariesUnchanged);

public sealed class LoadCatalogHandler(IAppDbContext db) : IRequestHandler<LoadCatalogCommand, LoadCatalogResult>
{
    public async Task<LoadCatalogResult> Handle(LoadCatalogCommand request, CancellationToken cancellationToken)
    {
        var codes = await db.Awards.Select(a => a.Code).ToListAsync(cancellationToken);
        var newAwards = request.Awards.Where(a => !codes.Contains(AwardQueries.CodeKey(a.Code))).ToList();
        var added = new List<Award>(newAwards.Count);
        foreach (var entry in newAwards)
        {
            var award = Award.Create(AwardQueries.CodeKey(entry.Code), entry.Name, entry.Category, entry.Recipient, entry.Level);
            award.Describe(award.Code, entry.Name, entry.Category, entry.Recipient, entry.Level, [], entry.RewardCoefficient, entry.LegalBasis);
            award.DefinedByLaw();
            db.Awards.Add(award);
            added.Add(award);
        }
        var rulesCreated = await AddRules(request.Rules, added, cancellationToken);
        var dates = await db.BaseSalaries.Select(s => s.EffectiveFrom).ToListAsync(cancellationToken);
        var newSalaries = request.BaseSalaries.Where(s => !dates.Contains(s.EffectiveFrom)).ToList();
        foreach (var salary in newSalaries) db.BaseSalaries.Add(BaseSalary.Create(salary.EffectiveFrom, salary.Amount, salary.LegalBasis));
        await db.SaveChangesAsync(cancellationToken);
        return new LoadCatalogResult(newAwards.Count, request.Awards.Count - newAwards.Count, rulesCreated, request.Rules.Count - rulesCreated,
            newSalaries.Count, request.BaseSalaries.Count - newSalaries.Count);
    }

    private async Task<int> AddRules(IReadOnlyList<StatutoryRule> rules, List<Award> newAwards, CancellationToken cancellationToken)
    {
        var marked = await db.SeededRules.Select(s => s.Key).ToListAsync(cancellationToken);
        var pending = rules.Where(r => !marked.Contains(r.SeedKey)).ToList();
        if (pending.Count == 0) return 0;
        var codes = pending.SelectMany(r => new[] { r.AwardCode, r.RequiredAwardCode }).OfType<string>().Select(AwardQueries.CodeKey).Distinct(StringComparer.Ordinal).ToList();
        var awards = (await db.Awards.Where(a => codes.Contains(a.Code)).ToListAsync(cancellationToken))
            .Concat(newAwards.Where(a => codes.Contains(a.Code)))
            .ToDictionary(a => a.Code, StringComparer.Ordinal);
        foreach (var rule in pending)
        {
            var award = Named(awards, rule, rule.AwardCode);
            var required = rule.RequiredAwardCode is null ? null : Named(awards, rule, rule.RequiredAwardCode);
            db.EligibilityRules.Add(EligibilityRule.Create(award, rule.Kind, required, rule.Count, rule.Citation, rule.Explanation));
            db.SeededRules.Add(SeededRule.Mark(rule.SeedKey));
        }
        return pending.Count;
    }

    private static Award Named(Dictionary<string, Award> awards, StatutoryRule rule, string code) =>
        awards.TryGetValue(AwardQueries.CodeKey(code), out var award) ? award
            : throw new InvalidOperationException($"The seed rule '{rule.SeedKey}' names '{code}', which is neither in the catalog nor among the seed's entries.");
}

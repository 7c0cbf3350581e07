using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A catalog entry as the seed states it from the law.</summary>
public sealed record StatutoryAward(string Code, string Name, AwardCategory Category, AwardRecipient Recipient, GrantingLevel Level,
    decimal? RewardCoefficient, string LegalBasis);

/// <summary>A base salary as the seed states it.</summary>
public sealed record StatutoryBaseSalary(DateOnly EffectiveFrom, long Amount, string LegalBasis);

/// <summary>
/// Loads the catalog entries and base salaries the law defines (the seed step of command 1). Idempotent: an entry whose
/// code (a salary whose date) is already there is left as it is — an admin's later edit is not undone.
/// </summary>
public sealed record LoadCatalogCommand(IReadOnlyList<StatutoryAward> Awards, IReadOnlyList<StatutoryBaseSalary> BaseSalaries) : IRequest<LoadCatalogResult>;

public sealed record LoadCatalogResult(int AwardsCreated, int AwardsUnchanged, int BaseSalariesCreated, int BaseSalariesUnchanged);

public sealed class LoadCatalogHandler(IAppDbContext db) : IRequestHandler<LoadCatalogCommand, LoadCatalogResult>
{
    public async Task<LoadCatalogResult> Handle(LoadCatalogCommand request, CancellationToken cancellationToken)
    {
        var codes = await db.Awards.Select(a => a.Code).ToListAsync(cancellationToken);
        var newAwards = request.Awards.Where(a => !codes.Contains(AwardQueries.CodeKey(a.Code))).ToList();
        foreach (var entry in newAwards)
        {
            var award = Award.Create(AwardQueries.CodeKey(entry.Code), entry.Name, entry.Category, entry.Recipient, entry.Level);
            award.Describe(award.Code, entry.Name, entry.Category, entry.Recipient, entry.Level, [], entry.RewardCoefficient, entry.LegalBasis);
            award.DefinedByLaw();
            db.Awards.Add(award);
        }
        var dates = await db.BaseSalaries.Select(s => s.EffectiveFrom).ToListAsync(cancellationToken);
        var newSalaries = request.BaseSalaries.Where(s => !dates.Contains(s.EffectiveFrom)).ToList();
        foreach (var salary in newSalaries) db.BaseSalaries.Add(BaseSalary.Create(salary.EffectiveFrom, salary.Amount, salary.LegalBasis));
        await db.SaveChangesAsync(cancellationToken);
        return new LoadCatalogResult(newAwards.Count, request.Awards.Count - newAwards.Count, newSalaries.Count, request.BaseSalaries.Count - newSalaries.Count);
    }
}

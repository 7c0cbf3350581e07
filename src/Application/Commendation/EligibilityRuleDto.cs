using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Commendation;

/// <summary>An eligibility rule of a catalog entry.</summary>
/// <param name="RequiredAward">For ConsecutiveYears: the award that must be held; null otherwise.</param>
/// <param name="Count">For ConsecutiveYears: how many consecutive years; null otherwise.</param>
/// <param name="Citation">The article the rule encodes.</param>
/// <param name="Explanation">What the rule means, in Vietnamese.</param>
public sealed record EligibilityRuleDto(Guid Id, AwardRefDto Award, EligibilityRuleKind Kind, AwardRefDto? RequiredAward, int? Count,
    string Citation, string Explanation, uint Version);

public static class EligibilityRuleQueries
{
    public static IQueryable<EligibilityRuleDto> ToDtos(this IQueryable<EligibilityRule> rules, IAppDbContext db) =>
        from r in rules
        join a in db.Awards on r.AwardId equals a.Id
        from q in db.Awards.Where(q => q.Id == r.RequiredAwardId).DefaultIfEmpty()
        select new EligibilityRuleDto(r.Id, new AwardRefDto(a.Id, a.Code, a.Name), r.Kind,
            q == null ? null : new AwardRefDto(q.Id, q.Code, q.Name), r.Count, r.Citation, r.Explanation, r.Version);
}

using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Commendation;

/// <summary>
/// What the submission and appraisal steps record: the award's eligibility rules run for each nominee, for the
/// dossier's year. A unit nominee is evaluated as the unit; a person as their name in their unit (the dossier holds no
/// birth year, nor a discipline declaration: a rule needing them cannot tell). A small collective (a department inside
/// a unit) is not evaluated: the register and the cluster rankings know units and persons, and reading its parent
/// unit's lines would judge the wrong collective — it is recorded as CannotTell with that reason.
/// </summary>
public static class DossierEligibility
{
    public static async Task<IReadOnlyList<NomineeEligibility>> EvaluateAsync(this EligibilityEvaluator evaluator, Dossier dossier, CancellationToken ct)
    {
        var results = new List<NomineeEligibility>(dossier.Nominees.Count);
        foreach (var nominee in dossier.Nominees.OrderBy(n => n.Sequence))
        {
            if (nominee.Kind == NomineeKind.SmallCollective)
            {
                results.Add(new NomineeEligibility(nominee.Id, nominee.AwardId, EligibilityOutcome.CannotTell, Localized.Text(
                    "The register and the cluster rankings know units and persons, not a collective inside a unit: the council judges it from the dossier.",
                    "Sổ theo dõi và kết quả xếp hạng cụm, khối chỉ ghi đơn vị và cá nhân, không ghi tập thể nhỏ trong đơn vị: Hội đồng xét theo hồ sơ."), []));
                continue;
            }
            var candidate = new EligibilityCandidate(nominee.UnitId, nominee.Kind == NomineeKind.Individual ? nominee.Name : null);
            var rules = await evaluator.EvaluateAsync(nominee.AwardId, dossier.Year, candidate, ct);
            results.Add(new NomineeEligibility(nominee.Id, nominee.AwardId, EligibilityEvaluator.Overall(rules), null, [.. rules.Select(Check)]));
        }
        return results;
    }

    private static RuleCheck Check(RuleEvaluationDto rule) => new(rule.RuleId, rule.Kind, rule.Citation, rule.Outcome, rule.Reason,
        [.. rule.Records.Select(r => r.Id)], [.. rule.Rankings.Select(r => new RankingCheck(r.ClusterId, r.ClusterName, r.Final, r.Rank))]);
}

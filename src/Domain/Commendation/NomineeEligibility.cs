namespace EmulationApi.Domain.Commendation;

/// <summary>One rule's answer for a nominee as a step recorded it: the rule, its citation, the answer, why (in the
/// language of the request that took the step), and the evidence read — the register lines and the cluster rankings.</summary>
public sealed record RuleCheck(Guid RuleId, EligibilityRuleKind Kind, string Citation, EligibilityOutcome Outcome, string Reason,
    IReadOnlyList<Guid> RecordIds, IReadOnlyList<RankingCheck> Rankings);

/// <summary>A cluster/bloc's ranking as a rule read it: whether it was final, and the nominee's rank (null: not ranked).</summary>
public sealed record RankingCheck(Guid ClusterId, string ClusterName, bool Final, int? Rank);

/// <summary>What the award's eligibility rules answered for one nominee when the step was taken: advice for the council,
/// never a bar (a NotMet nominee is still submitted and appraised). <paramref name="Reason"/> says why there are no rule
/// answers when the system cannot evaluate the nominee at all.</summary>
public sealed record NomineeEligibility(Guid NomineeId, Guid AwardId, EligibilityOutcome Outcome, string? Reason, IReadOnlyList<RuleCheck> Rules);

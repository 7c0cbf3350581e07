using EmulationApi.Application.Clusters;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>
/// Who is evaluated: a unit (a collective nominee), or a person of a unit (full name, optional birth year). What the
/// dossier declares about the data the system does not hold travels with it: <paramref name="DeclaredNotDisciplined"/>.
/// </summary>
public sealed record EligibilityCandidate(Guid UnitId, string? PersonName = null, int? PersonBirthYear = null, bool? DeclaredNotDisciplined = null);

/// <summary>One rule's answer for a nominee, with its evidence.</summary>
/// <param name="Reason">Why, in the request's language.</param>
/// <param name="Records">The register lines the rule found.</param>
/// <param name="Rankings">The cluster rankings the rule read.</param>
public sealed record RuleEvaluationDto(Guid RuleId, EligibilityRuleKind Kind, string Citation, string Explanation, EligibilityOutcome Outcome,
    string Reason, IReadOnlyList<AwardRecordDto> Records, IReadOnlyList<RankingEvidenceDto> Rankings);

/// <summary>A cluster/bloc's ranking as a rule read it.</summary>
/// <param name="Final">Whether the evaluation is published (the ranking can no longer change).</param>
/// <param name="Rank">The nominee's rank; null when it is not ranked.</param>
/// <param name="ProposedUnit">The unit the ranking proposes for the emulation flag, if any.</param>
public sealed record RankingEvidenceDto(Guid ClusterId, string ClusterName, bool Final, int? Rank, UnitRefDto? ProposedUnit, string Proposal);

/// <summary>All of an award's rules for a nominee: NotMet if one is not met, else CannotTell if one cannot tell (or there are no rules), else Met.</summary>
public sealed record EligibilityDto(AwardRefDto Award, int Year, UnitRefDto Unit, string? PersonName, int? PersonBirthYear,
    EligibilityOutcome Outcome, IReadOnlyList<RuleEvaluationDto> Rules);

/// <summary>
/// Runs an award's eligibility rules for a nominee and a year, each explaining itself with its evidence. A service, not
/// a request: the eligibility query uses it, and the dossiers' submission and appraisal steps will call the same one.
/// </summary>
public sealed class EligibilityEvaluator(IAppDbContext db)
{
    public async Task<IReadOnlyList<RuleEvaluationDto>> EvaluateAsync(Guid awardId, int year, EligibilityCandidate nominee, CancellationToken ct)
    {
        var rules = await db.EligibilityRules.AsNoTracking().Where(r => r.AwardId == awardId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var results = new List<RuleEvaluationDto>(rules.Count);
        foreach (var rule in rules)
        {
            results.Add(rule.Kind switch
            {
                EligibilityRuleKind.ConsecutiveYears => await ConsecutiveYearsAsync(rule, year, nominee, ct),
                EligibilityRuleKind.LeadsClusterRanking => await LeadsClusterRankingAsync(rule, year, nominee, ct),
                _ => NotDisciplined(rule, nominee),
            });
        }
        return results;
    }

    /// <summary>The answer of all the rules together; an award with no rules recorded cannot tell.</summary>
    public static EligibilityOutcome Overall(IReadOnlyList<RuleEvaluationDto> rules) =>
        rules.Count == 0 ? EligibilityOutcome.CannotTell
        : rules.Any(r => r.Outcome == EligibilityOutcome.NotMet) ? EligibilityOutcome.NotMet
        : rules.Any(r => r.Outcome == EligibilityOutcome.CannotTell) ? EligibilityOutcome.CannotTell
        : EligibilityOutcome.Met;

    private static RuleEvaluationDto Answer(EligibilityRule rule, EligibilityOutcome outcome, string reason,
        IReadOnlyList<AwardRecordDto>? records = null, IReadOnlyList<RankingEvidenceDto>? rankings = null) =>
        new(rule.Id, rule.Kind, rule.Citation, rule.Explanation, outcome, reason, records ?? [], rankings ?? []);

    // The register lines of the nominee for the required award in the window: the unit's own lines for a unit, the
    // lines of the same name (case and diacritics ignored) in the unit for a person — of the same birth year when one is given.
    private async Task<RuleEvaluationDto> ConsecutiveYearsAsync(EligibilityRule rule, int year, EligibilityCandidate nominee, CancellationToken ct)
    {
        var (count, required) = (rule.Count!.Value, rule.RequiredAwardId!.Value);
        var first = year - count + 1;
        var lines = db.AwardRecords.AsNoTracking().Where(r => r.UnitId == nominee.UnitId && r.AwardId == required && r.Year >= first && r.Year <= year);
        if (Text.Clean(nominee.PersonName) is { } name)
        {
            lines = lines.Where(r => EF.Property<string?>(r, Sql.SearchTextColumn) == Sql.SearchKey(name));
            if (nominee.PersonBirthYear is { } born) lines = lines.Where(r => r.PersonBirthYear == null || r.PersonBirthYear == born);
        }
        else
        {
            lines = lines.Where(r => r.PersonName == null);
        }
        var found = await lines.OrderBy(r => r.Year).ThenBy(r => r.Id).ToDtos(db).ToListAsync(ct);
        var code = await db.Awards.Where(a => a.Id == required).Select(a => a.Code).SingleAsync(ct);

        var birthYears = found.Select(r => r.PersonBirthYear).OfType<int>().Distinct().ToList();
        if (nominee.PersonName is not null && nominee.PersonBirthYear is null && birthYears.Count > 1)
            return Answer(rule, EligibilityOutcome.CannotTell, Localized.Text(
                $"The register holds {code} for people of this name in the unit born in {string.Join(", ", birthYears)}: give the birth year to tell them apart.",
                $"Sổ theo dõi ghi {code} cho những người cùng họ tên trong đơn vị, sinh năm {string.Join(", ", birthYears)}: cần ghi năm sinh để phân biệt."), found);
        var missing = Enumerable.Range(first, count).Except(found.Select(r => r.Year)).ToList();
        return missing.Count == 0
            ? Answer(rule, EligibilityOutcome.Met, Localized.Text(
                $"{code} is in the register for each of the {count} years {first}–{year}.",
                $"Sổ theo dõi ghi nhận {code} đủ {count} năm liên tục {first}–{year}."), found)
            : Answer(rule, EligibilityOutcome.NotMet, Localized.Text(
                $"{code} is needed for each of the {count} years {first}–{year}; the register has none for {string.Join(", ", missing)}.",
                $"Cần {code} đủ {count} năm liên tục {first}–{year}; sổ theo dõi không ghi nhận năm {string.Join(", ", missing)}."), found);
    }

    // The provincial clusters/blocs of the year the unit belongs to, and what each one's ranking proposes for the flag.
    // The ranking is the Clusters slice's own computation (Ranking.ReadRankingAsync), not a second copy of its tie-breaks.
    private async Task<RuleEvaluationDto> LeadsClusterRankingAsync(EligibilityRule rule, int year, EligibilityCandidate nominee, CancellationToken ct)
    {
        if (nominee.PersonName is not null)
            return Answer(rule, EligibilityOutcome.CannotTell, Localized.Text(
                "This rule reads a unit's place in its cluster's ranking: it does not apply to a person.",
                "Quy tắc này xét thứ hạng của đơn vị trong cụm, khối thi đua: không áp dụng cho cá nhân."));
        var clusters = await db.Clusters.AsNoTracking()
            .Where(c => c.Year == year && c.Scope == ClusterScope.Provincial && c.Members.Any(m => m.UnitId == nominee.UnitId))
            .Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (clusters.Count == 0)
            return Answer(rule, EligibilityOutcome.CannotTell, Localized.Text(
                $"The unit is in no provincial cluster or bloc of {year} in the system.",
                $"Đơn vị không thuộc cụm, khối thi đua nào của tỉnh năm {year} trong hệ thống."));

        var evidence = new List<RankingEvidenceDto>();
        foreach (var cluster in clusters)
        {
            if (!await db.Covenants.AnyAsync(c => c.ClusterId == cluster.Id, ct))
            {
                evidence.Add(new RankingEvidenceDto(cluster.Id, cluster.Name, false, null, null, Localized.Text("No covenant: nothing is scored.", "Chưa có giao ước thi đua: chưa chấm điểm.")));
                continue;
            }
            var result = await db.ReadRankingAsync(cluster.Id, ct);
            var row = result.Rows.FirstOrDefault(r => r.Unit.Id == nominee.UnitId);
            evidence.Add(new RankingEvidenceDto(cluster.Id, cluster.Name, result.Final, row?.Rank, result.FlagProposal.Unit, result.FlagProposal.Explanation));
        }
        if (evidence.Any(e => e.Final && e.ProposedUnit?.Id == nominee.UnitId))
            return Answer(rule, EligibilityOutcome.Met, Localized.Text(
                "The published ranking of its cluster/bloc proposes the unit for the emulation flag.",
                "Kết quả xếp hạng đã công bố của cụm, khối thi đua đề nghị đơn vị được tặng Cờ thi đua."), rankings: evidence);
        if (evidence.All(e => e.Final && e.ProposedUnit is not null))
            return Answer(rule, EligibilityOutcome.NotMet, Localized.Text(
                "The published ranking of its cluster/bloc proposes another unit for the emulation flag.",
                "Kết quả xếp hạng đã công bố của cụm, khối thi đua đề nghị đơn vị khác được tặng Cờ thi đua."), rankings: evidence);
        return Answer(rule, EligibilityOutcome.CannotTell, Localized.Text(
            "The ranking is not published yet, or it proposes nobody (a tie at the top, or scores missing).",
            "Kết quả xếp hạng chưa được công bố, hoặc chưa đề nghị đơn vị nào (đồng hạng nhất, hoặc còn thiếu điểm)."), rankings: evidence);
    }

    // The system holds no disciplinary records: only the dossier's declaration answers, and says so.
    private static RuleEvaluationDto NotDisciplined(EligibilityRule rule, EligibilityCandidate nominee) => nominee.DeclaredNotDisciplined switch
    {
        true => Answer(rule, EligibilityOutcome.Met, Localized.Text(
            "Declared not disciplined in the period by the dossier (the system holds no disciplinary records to check it).",
            "Hồ sơ kê khai không bị kỷ luật trong thời gian xét (hệ thống không lưu dữ liệu kỷ luật để đối chiếu).")),
        false => Answer(rule, EligibilityOutcome.NotMet, Localized.Text(
            "The dossier declares a disciplinary measure in the period.",
            "Hồ sơ kê khai có hình thức kỷ luật trong thời gian xét.")),
        null => Answer(rule, EligibilityOutcome.CannotTell, Localized.Text(
            "The system holds no disciplinary records, and nothing was declared: a person must check.",
            "Hệ thống không lưu dữ liệu kỷ luật và hồ sơ chưa kê khai: cần kiểm tra trực tiếp.")),
    };
}

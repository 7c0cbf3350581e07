using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Xếp hạng: members' totals and ranks, computed in PostgreSQL (column aliases are snake_case: the naming convention maps Row to them). Total = standard + bonus − penalty points. Ties on the
/// total are broken by more standard points, then fewer penalty points; members still tied share the rank, and each
/// row says how its place was decided. Each row says whether the member signed the covenant and which criteria it has
/// no score on: a missing score is not a 0 (a 0 is recorded as 0). The single first is proposed for the emulation flag
/// (Cờ thi đua); a tie at the top proposes no one and says why, and the proposal is withheld while any member's scores
/// are missing.
/// </summary>
public sealed record GetRankingQuery(Guid ClusterId) : IRequest<RankingDto>;

public sealed record RankingDto(Guid ClusterId, int Year, CovenantStatus CovenantStatus, bool Final, IReadOnlyList<RankingRowDto> Rows,
    FlagProposalDto FlagProposal);

/// <param name="Rank">1 is first; members still tied after the tie-breaks share a rank.</param>
/// <param name="Unit">The member: its id, code, name and kind.</param>
/// <param name="TiedWith">Codes of the members with the same total.</param>
/// <param name="Explanation">How the place was decided when the total alone did not decide it.</param>
/// <param name="Signed">Whether the member is among the covenant's signatories.</param>
/// <param name="MissingScores">True when the member has no score on some criterion: its total counts only what is recorded.</param>
/// <param name="MissingCriteria">The criteria (id and code) the member has no score on.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Only the parameters are documented: Swashbuckle publishes them in the OpenAPI document, where a <summary> would add to (or, on an endpoint, replace) what the contract says.")]
public sealed record RankingRowDto(int Rank, UnitRefDto Unit, decimal Total, decimal Standard, decimal Bonus,
    decimal Penalty, int ScoredCriteria, IReadOnlyList<string> TiedWith, string? Explanation, bool Signed, bool MissingScores,
    IReadOnlyList<CriterionRefDto> MissingCriteria);

/// <summary>A criterion as other answers name it: its id and its code.</summary>
public sealed record CriterionRefDto(Guid Id, string Code);

/// <param name="Unit">The unit proposed for the Cờ thi đua (id, code, name, kind), or null when the top is tied, nobody is scored or the proposal is withheld.</param>
/// <param name="Withheld">True while some member's scores are missing: no unit is proposed until every member is scored on every criterion.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Only the parameters are documented: Swashbuckle publishes them in the OpenAPI document, where a <summary> would add to (or, on an endpoint, replace) what the contract says.")]
public sealed record FlagProposalDto(UnitRefDto? Unit, string Explanation, bool Withheld = false);

public sealed class GetRankingHandler(IAppDbContext db) : IRequestHandler<GetRankingQuery, RankingDto>
{
    public Task<RankingDto> Handle(GetRankingQuery request, CancellationToken cancellationToken) => db.ReadRankingAsync(request.ClusterId, cancellationToken);
}

/// <summary>The ranking as a query extension: the ranking's answer and a cluster's flag proposal turned into a dossier read the same.</summary>
public static class Ranking
{
    // The kind is read as text: it is stored as its name, and a raw query maps no enum conversion.
    private sealed record Row(Guid UnitId, string Code, string Name, string Kind, decimal Total, decimal Standard, decimal Bonus, decimal Penalty,
        int Scored, long RankByTotal, long Rank);

    /// <summary>The cluster's ranking and flag proposal (404 without the cluster or its covenant).</summary>
    public static async Task<RankingDto> ReadRankingAsync(this IAppDbContext db, Guid clusterId, CancellationToken cancellationToken)
    {
        var request = new GetRankingQuery(clusterId);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == request.ClusterId).Select(c => new { c.Id, c.Year }).FirstOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Cluster", request.ClusterId);
        var covenant = await db.Covenants.AsNoTracking().Where(c => c.ClusterId == cluster.Id).Select(c => new { c.Id, c.Status, c.Criteria, c.Signatories })
                           .FirstOrDefaultAsync(cancellationToken)
                       ?? throw new NotFoundException("Covenant of cluster", cluster.Id);
        var scored = (await db.Covenants.AsNoTracking().Where(c => c.Id == covenant.Id).SelectMany(c => c.Scores.Select(s => new { s.UnitId, s.CriterionId }))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.UnitId, s => s.CriterionId);

        var rows = await db.SqlQuery<Row>($"""
            SELECT t.unit_id, t.code, t.name, t.kind, t.total, t.standard, t.bonus, t.penalty, t.scored,
                   rank() OVER (ORDER BY t.total DESC) AS rank_by_total,
                   rank() OVER (ORDER BY t.total DESC, t.standard DESC, t.penalty ASC) AS rank
            FROM (
              SELECT m.unit_id AS unit_id, u.code AS code, u.name AS name, u.kind AS kind,
                     coalesce(sum(s.signed_points), 0) AS total,
                     coalesce(sum(s.points) FILTER (WHERE s.kind = 'Standard'), 0) AS standard,
                     coalesce(sum(s.points) FILTER (WHERE s.kind = 'Bonus'), 0) AS bonus,
                     coalesce(sum(s.points) FILTER (WHERE s.kind = 'Penalty'), 0) AS penalty,
                     count(s.unit_id)::int AS scored
              FROM cluster_members m
              JOIN units u ON u.id = m.unit_id
              LEFT JOIN member_scores s ON s.unit_id = m.unit_id AND s.covenant_id = {covenant.Id}
              WHERE m.cluster_id = {cluster.Id}
              GROUP BY m.unit_id, u.code, u.name, u.kind
            ) t
            ORDER BY rank, t.code
            """).ToListAsync(cancellationToken);

        var result = rows.Select(r =>
        {
            var tied = rows.Where(o => o.UnitId != r.UnitId && o.RankByTotal == r.RankByTotal).Select(o => o.Code).ToList();
            var stillTied = rows.Any(o => o.UnitId != r.UnitId && o.Rank == r.Rank);
            string? explanation = tied.Count == 0 ? null
                : stillTied ? Localized.Text(
                    $"Tied with {string.Join(", ", rows.Where(o => o.UnitId != r.UnitId && o.Rank == r.Rank).Select(o => o.Code))} on total ({r.Total:0.##}), standard points ({r.Standard:0.##}) and penalty points ({r.Penalty:0.##}): the rank is shared.",
                    $"Bằng {string.Join(", ", rows.Where(o => o.UnitId != r.UnitId && o.Rank == r.Rank).Select(o => o.Code))} về tổng điểm ({r.Total:0.##}), điểm chuẩn ({r.Standard:0.##}) và điểm trừ ({r.Penalty:0.##}): đồng hạng.")
                : Localized.Text(
                    $"Same total ({r.Total:0.##}) as {string.Join(", ", tied)}; placed by standard points ({r.Standard:0.##}), then penalty points ({r.Penalty:0.##}).",
                    $"Cùng tổng điểm ({r.Total:0.##}) với {string.Join(", ", tied)}; xếp hạng theo điểm chuẩn ({r.Standard:0.##}), sau đó theo điểm trừ ({r.Penalty:0.##}).");
            var missing = covenant.Criteria.Where(c => !scored[r.UnitId].Contains(c.Id)).Select(c => new CriterionRefDto(c.Id, c.Code)).ToList();
            return new RankingRowDto((int)r.Rank, new UnitRefDto(r.UnitId, r.Code, r.Name, Enum.Parse<UnitKind>(r.Kind)), r.Total, r.Standard, r.Bonus, r.Penalty, r.Scored, tied, explanation,
                covenant.Signatories.Contains(r.UnitId), missing.Count > 0, missing);
        }).ToList();

        return new RankingDto(cluster.Id, cluster.Year, covenant.Status, covenant.Status == CovenantStatus.Evaluated, result, Proposal(result));
    }

    /// <summary>The proposal for the emulation flag (Cờ thi đua): the sole leader, withheld while a member misses scores.</summary>
    private static FlagProposalDto Proposal(IReadOnlyList<RankingRowDto> result)
    {
        var unscored = result.Where(r => r.MissingScores).ToList();

        var firsts = result.Where(r => r.Rank == 1 && r.ScoredCriteria > 0).ToList();
        return firsts switch
        {
            [] => new FlagProposalDto(null, Localized.Text("No member has been scored yet.", "Chưa có đơn vị thành viên nào được chấm điểm."), unscored.Count > 0),
            _ when unscored.Count > 0 => new FlagProposalDto(null,
                Localized.Text(
                    $"Withheld: {Missing(unscored)} "
                    + $"{(unscored.Count == 1 ? "has" : "have")} no score on the criteria listed; the proposal for the emulation flag (Cờ thi đua) waits until every member is scored on every criterion.",
                    $"Tạm dừng đề nghị: {Missing(unscored)} chưa có điểm ở các tiêu chí nêu trong ngoặc; việc đề nghị tặng Cờ thi đua chờ đến khi mọi đơn vị thành viên được chấm điểm đủ các tiêu chí."),
                Withheld: true),
            [var only] => new FlagProposalDto(only.Unit,
                Localized.Text(
                    $"{only.Unit.Code} leads with {only.Total:0.##} points{(only.Explanation is null ? "" : " after the tie-breaks")}; it is proposed for the emulation flag (Cờ thi đua).",
                    $"{only.Unit.Code} dẫn đầu với {only.Total:0.##} điểm{(only.Explanation is null ? "" : " sau khi phân định thứ hạng")}; đề nghị tặng Cờ thi đua.")),
            _ => new FlagProposalDto(null, Localized.Text(
                $"{string.Join(", ", firsts.Select(f => f.Unit.Code))} are tied at the top after every tie-break; the council decides.",
                $"{string.Join(", ", firsts.Select(f => f.Unit.Code))} đồng hạng nhất sau khi đã phân định thứ hạng; Hội đồng Thi đua - Khen thưởng xem xét, quyết định.")),
        };
    }

    /// <summary>The members without a full set of scores and the criteria each misses: "UBND-XA-A (C1, C2)".</summary>
    private static string Missing(IEnumerable<RankingRowDto> unscored) =>
        string.Join(", ", unscored.Select(u => $"{u.Unit.Code} ({string.Join(", ", u.MissingCriteria.Select(c => c.Code))})"));
}

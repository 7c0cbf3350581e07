using System.Runtime.CompilerServices;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>
/// The unit tree's one cycle rule: a unit cannot lie below itself. It is written once, as a recursive SQL query over a
/// set of proposed parents, so that it stays set-based for a 100,000-row import and serves a single update alike:
/// <see cref="UpdateUnitHandler"/> asks it about one proposed parent, the import's staging table about all of its rows.
/// </summary>
public static class UnitCycleRule
{
    /// <summary>
    /// A query for the rows of <paramref name="proposed"/> whose new parent would put their unit below itself.
    /// <paramref name="proposed"/> is a table or a parenthesised query with the columns <c>row_no</c> (int),
    /// <c>code_key</c> and <c>parent_key</c> (unit codes in lower case; <c>parent_key</c> null for a top unit). Each
    /// step up follows the proposed parent when the code is proposed (the first row's when it is proposed twice), else the
    /// registry's parent; each step looks its parent up by index, so the cost grows with the proposed rows and the depth
    /// of the tree, not with the size of the registry. Answers one column, <c>row_no</c>.
    /// </summary>
    public static string RowsInCycles(string proposed) => $"""
        WITH RECURSIVE walk(row_no, start, cur) AS (
          SELECT p.row_no, p.code_key, p.parent_key FROM {proposed} p WHERE p.parent_key IS NOT NULL
          UNION ALL
          SELECT w.row_no, w.start, up.parent FROM walk w
          CROSS JOIN LATERAL (
            SELECT f.parent_key AS parent
              FROM (SELECT s.parent_key FROM {proposed} s WHERE s.code_key = w.cur ORDER BY s.row_no LIMIT 1) f
            UNION ALL
            SELECT lower(p.code) FROM units u JOIN units p ON p.id = u.parent_id
             WHERE lower(u.code) = w.cur AND NOT EXISTS (SELECT 1 FROM {proposed} s WHERE s.code_key = w.cur)
          ) up
          WHERE w.cur <> w.start AND up.parent IS NOT NULL
        ) CYCLE cur SET is_cycle USING path
        SELECT DISTINCT row_no FROM walk WHERE cur = start
        """;

    public static string CycleMessage => Localized.Text(
        "The chosen parent lies below this unit: the unit tree would get a cycle.",
        "Đơn vị cấp trên được chọn lại nằm dưới đơn vị này: cây đơn vị sẽ bị vòng lặp.");

    /// <summary>Refuses (409) to place the unit <paramref name="code"/> under <paramref name="parentCode"/> when that parent lies below it.</summary>
    public static async Task EnsureNoCycleAsync(this IAppDbContext db, string code, string? parentCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(parentCode)) return;
        var sql = FormattableStringFactory.Create(
            RowsInCycles("(SELECT 1 AS row_no, lower({0}) AS code_key, lower({1}) AS parent_key)"), code.Trim(), parentCode.Trim());
        if ((await db.SqlQuery<CycleRow>(sql).ToListAsync(ct)).Count > 0)
            throw new DomainException(CycleMessage);
    }

    private sealed record CycleRow(int RowNo);
}

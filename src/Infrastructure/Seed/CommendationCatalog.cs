using EmulationApi.Application.Commendation;
using EmulationApi.Domain.Commendation;

namespace EmulationApi.Infrastructure.Seed;

/// <summary>
/// The catalog entries and base salaries the seed loads: only what could be cited from text actually read (README,
/// Commendation → "What the seed cites"). The reward coefficients are those of Điều 54 Nghị định 98/2023/NĐ-CP (mức tiền
/// thưởng danh hiệu thi đua); Nghị định 152/2025/NĐ-CP replaced that decree and its text could not be read here, so
/// whether it kept them is unverified — an admin corrects a coefficient with PUT if it changed. Granting levels are
/// those the titles' names state (của Chính phủ, của UBND tỉnh, cấp tỉnh) or, for Tập thể lao động xuất sắc, the
/// provincial council's practice reported for Bắc Ninh. Entries left out for lack of a citation are listed in the README.
/// </summary>
public static class CommendationCatalog
{
    private const string Decree98Article54 = "Điều 54 Nghị định 98/2023/NĐ-CP (mức tiền thưởng danh hiệu thi đua)";

    public static readonly IReadOnlyList<StatutoryAward> Awards =
    [
        new("CTD-CP", "Cờ thi đua của Chính phủ", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Government, 12.0m, Decree98Article54),
        new("CTD-UBND", "Cờ thi đua của Ủy ban nhân dân tỉnh", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Province, 8.0m, Decree98Article54),
        new("CSTD-TINH", "Chiến sĩ thi đua cấp tỉnh", AwardCategory.EmulationTitle, AwardRecipient.Individual, GrantingLevel.Province, 3.0m, Decree98Article54),
        new("TTLDXS", "Tập thể lao động xuất sắc", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Province, 1.5m, Decree98Article54),
    ];

    /// <summary>The base salary from 1 July 2024 (2,340,000 VND/month, Nghị định 73/2024/NĐ-CP); earlier values are not seeded.</summary>
    public static readonly IReadOnlyList<StatutoryBaseSalary> BaseSalaries =
    [
        new(new DateOnly(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP (mức lương cơ sở 2.340.000 đồng/tháng từ ngày 01/7/2024)"),
    ];
}

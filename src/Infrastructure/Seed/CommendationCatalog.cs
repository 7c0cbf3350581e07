using EmulationApi.Application.Commendation;
using EmulationApi.Domain.Commendation;

namespace EmulationApi.Infrastructure.Seed;

/// <summary>
/// The catalog entries, eligibility rules and base salaries the seed loads: only what could be cited from text actually
/// read (README, Commendation → "What the seed cites", with the addresses read). The reward coefficients are those of
/// Điều 54 Nghị định 98/2023/NĐ-CP (mức tiền thưởng danh hiệu thi đua); Nghị định 152/2025/NĐ-CP replaced that decree and
/// its own text could not be read here — news reports of it give the same multiples, but not the article — so an admin
/// corrects a coefficient with PUT if it changed. Entries and rules left out for lack of a citation are listed in the README.
/// </summary>
public static class CommendationCatalog
{
    private const string Decree98Article54 = "Điều 54 Nghị định 98/2023/NĐ-CP (mức tiền thưởng danh hiệu thi đua)";
    private const string Law2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15";

    public static readonly IReadOnlyList<StatutoryAward> Awards =
    [
        new("CTD-CP", "Cờ thi đua của Chính phủ", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Government, 12.0m,
            $"Điều 25 {Law2022} (tiêu chuẩn); khoản 1 Điều 78 {Law2022} (Chính phủ quyết định tặng); {Decree98Article54}"),
        new("CSTD-TQ", "Chiến sĩ thi đua toàn quốc", AwardCategory.EmulationTitle, AwardRecipient.Individual, GrantingLevel.Government, 4.5m,
            $"Điều 21 {Law2022} (tiêu chuẩn); khoản 2 Điều 78 {Law2022} (Thủ tướng Chính phủ quyết định tặng); {Decree98Article54}"),
        new("CTD-UBND", "Cờ thi đua của Ủy ban nhân dân tỉnh", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Province, 8.0m, Decree98Article54),
        new("CSTD-TINH", "Chiến sĩ thi đua cấp tỉnh", AwardCategory.EmulationTitle, AwardRecipient.Individual, GrantingLevel.Province, 3.0m, Decree98Article54),
        new("TTLDXS", "Tập thể lao động xuất sắc", AwardCategory.EmulationTitle, AwardRecipient.Collective, GrantingLevel.Province, 1.5m, Decree98Article54),
    ];

    /// <summary>
    /// The eligibility rules whose standard was read with its article and fits a rule kind. Each has a stable seed key: the
    /// seed adds a rule once (LoadCatalog marks the key), so an admin's later edit or deletion of it survives a reseed.
    /// </summary>
    public static readonly IReadOnlyList<StatutoryRule> Rules =
    [
        new("CTD-CP/LeadsClusterRanking", "CTD-CP", EligibilityRuleKind.LeadsClusterRanking, null, null,
            $"Khoản 1 Điều 25 {Law2022}",
            "Cờ thi đua của Chính phủ được xét hằng năm trong số các tập thể dẫn đầu cụm, khối thi đua do tỉnh tổ chức: đơn vị "
            + "phải là đơn vị mà bảng xếp hạng đã công bố của cụm, khối năm đó đề nghị tặng cờ. Hai tiêu chuẩn còn lại của khoản 1 "
            + "(thành tích vượt chỉ tiêu; đoàn kết, tiết kiệm, phòng chống tham nhũng) và các trường hợp của khoản 2, khoản 3 "
            + "(cụm do Hội đồng Trung ương tổ chức, phong trào do Thủ tướng phát động từ 05 năm) do Hội đồng xem xét."),
    ];

    /// <summary>The base salary from 1 July 2024 (2,340,000 VND/month, Nghị định 73/2024/NĐ-CP); earlier values are not seeded.</summary>
    public static readonly IReadOnlyList<StatutoryBaseSalary> BaseSalaries =
    [
        new(new DateOnly(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP (mức lương cơ sở 2.340.000 đồng/tháng từ ngày 01/7/2024)"),
    ];
}

namespace EmulationApi.Application.Common.Errors;

/// <summary>
/// What the errors call each resource: in English as the code names it, in Vietnamese administrative language
/// (DOMAIN.md's glossary). One table for the 404 ("not found") and the 412 ("has changed since"), so a Vietnamese
/// answer never names a resource in English.
/// </summary>
public static class ResourceNames
{
    private static readonly Dictionary<string, string> Vietnamese = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Unit"] = "đơn vị",
        ["Plan"] = "kế hoạch",
        ["Task"] = "nhiệm vụ",
        ["Plan task"] = "nhiệm vụ",
        ["Plan amendment"] = "văn bản điều chỉnh kế hoạch",
        ["Progress report"] = "báo cáo tiến độ",
        ["Movement"] = "phong trào thi đua",
        ["Cluster"] = "cụm, khối thi đua",
        ["Covenant"] = "giao ước thi đua",
        ["Covenant of cluster"] = "giao ước thi đua của cụm, khối thi đua",
        ["Obligation"] = "trách nhiệm thực hiện nhiệm vụ",
        ["API key"] = "khóa API",
        ["Webhook subscription"] = "đăng ký nhận sự kiện (webhook)",
        ["Webhook delivery"] = "lần gửi sự kiện (webhook)",
        ["Award"] = "danh hiệu, hình thức khen thưởng",
        ["Award record"] = "bản ghi trong sổ theo dõi khen thưởng",
        ["Eligibility rule"] = "quy tắc xét điều kiện khen thưởng",
        ["Seeded rule"] = "quy tắc nạp sẵn",
        ["Base salary"] = "mức lương cơ sở",
        ["Dossier"] = "hồ sơ đề nghị khen thưởng",
        ["Attachment"] = "tệp đính kèm",
        ["Council session"] = "phiên họp Hội đồng",
    };

    /// <summary>The resource's Vietnamese name; a name the table lacks is returned as it is (a test keeps the table whole).</summary>
    public static string InVietnamese(string resource) => Vietnamese.GetValueOrDefault(resource, resource);

    public static bool HasVietnamese(string resource) => Vietnamese.ContainsKey(resource);

    /// <summary>An entity's name as a sentence says it: "PlanTask" → "plan task", "ApiKey" → "api key".</summary>
    public static string Of(Type entity) =>
        string.Concat(entity.Name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? " " : "") + char.ToLowerInvariant(c) : c.ToString()));
}

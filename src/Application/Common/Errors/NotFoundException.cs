using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>The resource asked for does not exist. The API answers 404.</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception(Localized.Text($"{resource} '{key}' was not found.", $"Không tìm thấy {VietnameseNoun(resource)} '{key}'."))
{
    public string Resource { get; } = resource;
    public object Key { get; } = key;

    /// <summary>What the resource is called in Vietnamese administrative language (DOMAIN.md's glossary).</summary>
    public static string VietnameseNoun(string resource) => resource switch
    {
        "Unit" => "đơn vị",
        "Plan" => "kế hoạch",
        "Task" => "nhiệm vụ",
        "Movement" => "phong trào thi đua",
        "Cluster" => "cụm, khối thi đua",
        "Covenant of cluster" => "giao ước thi đua của cụm, khối thi đua",
        "Obligation" => "trách nhiệm thực hiện nhiệm vụ",
        "API key" => "khóa API",
        "Dossier" => "hồ sơ đề nghị khen thưởng",
        "Progress report" => "báo cáo tiến độ",
        "Attachment" => "tệp đính kèm",
        "Webhook subscription" => "đăng ký nhận sự kiện (webhook)",
        "Webhook delivery" => "lần gửi sự kiện (webhook)",
        _ => resource,
    };
}

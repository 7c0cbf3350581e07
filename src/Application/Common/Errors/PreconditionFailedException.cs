using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>The client's If-Match no longer matches the resource. The API answers 412 and nothing was changed.</summary>
public sealed class PreconditionFailedException(string resource, ExpectedVersion expected, uint currentVersion)
    : Exception(Localized.Text(
        $"The {resource} has changed since version {expected}; it is now at version {currentVersion}.",
        $"Dữ liệu {VietnameseNoun(resource)} đã thay đổi kể từ phiên bản {expected}; phiên bản hiện tại là {currentVersion}."))
{
    public string Resource { get; } = resource;
    public ExpectedVersion Expected { get; } = expected;
    public uint CurrentVersion { get; } = currentVersion;

    /// <summary>The versioned entities, as <see cref="VersionCheck"/> names them, in Vietnamese (DOMAIN.md's glossary).</summary>
    private static string VietnameseNoun(string resource) => resource switch
    {
        "unit" => "đơn vị",
        "plan" => "kế hoạch",
        "plan task" => "nhiệm vụ",
        "plan amendment" => "văn bản điều chỉnh kế hoạch",
        "movement" => "phong trào thi đua",
        "cluster" => "cụm, khối thi đua",
        "covenant" => "giao ước thi đua",
        "obligation" => "trách nhiệm thực hiện nhiệm vụ",
        "api key" => "khóa API",
        _ => resource,
    };
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>The client's If-Match no longer matches the resource. The API answers 412 and nothing was changed.</summary>
public sealed class PreconditionFailedException(string resource, ExpectedVersion expected, uint currentVersion)
    : Exception(Localized.Text(
        $"The {resource} has changed since version {expected}; it is now at version {currentVersion}.",
        $"Dữ liệu {ResourceNames.InVietnamese(resource)} đã thay đổi kể từ phiên bản {expected}; phiên bản hiện tại là {currentVersion}."))
{
    public string Resource { get; } = resource;
    public ExpectedVersion Expected { get; } = expected;
    public uint CurrentVersion { get; } = currentVersion;
}

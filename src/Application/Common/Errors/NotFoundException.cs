using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>The resource asked for does not exist. The API answers 404.</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception(Localized.Text($"{resource} '{key}' was not found.", $"Không tìm thấy {ResourceNames.InVietnamese(resource)} '{key}'."))
{
    public string Resource { get; } = resource;
    public object Key { get; } = key;
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>A body arrived in a media type the use case cannot read. The API answers 415.</summary>
public sealed class UnsupportedMediaTypeException(string? mediaType, IReadOnlyList<string> supported)
    : Exception(Localized.Text(
        (string.IsNullOrWhiteSpace(mediaType) ? "The body has no media type" : $"The media type '{mediaType}' cannot be read here")
        + $"; send one of: {string.Join(", ", supported)}.",
        (string.IsNullOrWhiteSpace(mediaType) ? "Nội dung không có kiểu dữ liệu (media type)" : $"Không đọc được kiểu dữ liệu '{mediaType}' tại đây")
        + $"; hãy gửi một trong các kiểu: {string.Join(", ", supported)}."))
{
    public IReadOnlyList<string> Supported { get; } = supported;
}

using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Common.Errors;

/// <summary>An uploaded file is larger than the store takes; nothing of it is kept. The API answers 413.</summary>
public sealed class ContentTooLargeException(long maxBytes)
    : Exception(Localized.Text(
        $"The file is larger than {maxBytes} bytes, the most a file may have; nothing was stored.",
        $"Tệp lớn hơn {maxBytes} byte, dung lượng tối đa của một tệp; không có dữ liệu nào được lưu."))
{
    public long MaxBytes { get; } = maxBytes;
}

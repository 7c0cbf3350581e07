using System.Security.Cryptography;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Attachments;
using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Attachments;

/// <summary>
/// An upload as the store reads it: its first bytes checked against the declared type before any byte is passed on
/// (415), every byte counted against the cap — the read that passes it fails (413), so the rest is never read — and
/// digested with SHA-256 on the way. Only the read buffer is in memory, never the file.
/// </summary>
public sealed class CheckedUpload(Stream body, AttachmentType type, long maxBytes) : Common.Streams.ForwardReadStream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _head;
    private int _headServed;
    private byte[]? _digest;

    /// <summary>The bytes read so far; the file's length once it has been read to its end.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The SHA-256 of the whole content, once it has been read to its end.</summary>
    public byte[] Sha256 => _digest ?? throw new InvalidOperationException("The upload has not been read to its end.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _head ??= await ReadHeadAsync(cancellationToken);
        int read;
        if (_headServed < _head.Length)
        {
            read = Math.Min(buffer.Length, _head.Length - _headServed);
            _head.AsMemory(_headServed, read).CopyTo(buffer);
            _headServed += read;
        }
        else
            read = await body.ReadAsync(buffer, cancellationToken);

        if (read == 0)
        {
            _digest ??= _sha256.GetHashAndReset();
            return 0;
        }
        BytesRead += read;
        if (BytesRead > maxBytes) throw new ContentTooLargeException(maxBytes);
        _sha256.AppendData(buffer.Span[..read]);
        return read;
    }

    /// <summary>The first <see cref="AttachmentTypes.HeadBytes"/> bytes (fewer for a smaller file), refused unless they are the type's signature.</summary>
    private async Task<byte[]> ReadHeadAsync(CancellationToken ct)
    {
        var head = new byte[AttachmentTypes.HeadBytes];
        var filled = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        Array.Resize(ref head, filled);
        if (!type.Matches(head))
            throw new ContentMismatchException(Localized.Text(
                $"The file's content is not {type.MediaType}, the type it is declared as; nothing was stored.",
                $"Nội dung tệp không thuộc kiểu {type.MediaType} như đã khai báo; không có dữ liệu nào được lưu."));
        return head;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _sha256.Dispose();
        base.Dispose(disposing);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Domain.Common;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Reads a JSON array body unchanged while counting the bytes of each of its items (rows): a row longer than
/// <paramref name="maxRowBytes"/> stops the read at once with a 400 naming it. System.Text.Json reads a string only
/// whole, growing its buffer until the token fits, so without this one 200 MB string would be held in memory (twice).
/// Only strings, escapes, nesting and the commas between items are followed; the serializer still judges the syntax.
/// Bytes before the array count as row 0. The inner stream is neither owned nor disposed.
/// </summary>
internal sealed class JsonRowLimitStream(Stream inner, int maxRowBytes) : Stream
{
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private int _row;
    private long _rowBytes;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _rowBytes++;
            if (_inString)
            {
                if (_escaped) _escaped = false;
                else if (b == (byte)'\\') _escaped = true;
                else if (b == (byte)'"') _inString = false;
            }
            else
            {
                switch (b)
                {
                    case (byte)'"':
                        _inString = true;
                        break;
                    case (byte)'[' or (byte)'{':
                        if (_depth++ == 0) (_row, _rowBytes) = (1, 0); // the array opens: row 1 starts after its bracket
                        break;
                    case (byte)']' or (byte)'}':
                        _depth--;
                        break;
                    case (byte)',' when _depth == 1:
                        (_row, _rowBytes) = (_row + 1, 0);
                        break;
                }
            }
            if (_rowBytes > maxRowBytes)
                throw new ImportRejectedException([new RowError(_depth == 0 ? 0 : _row, "",
                    Localized.Text(
                        $"The row is longer than {maxRowBytes / 1024} KiB, the limit of one row; nothing after it was read.",
                        $"Dòng dài hơn {maxRowBytes / 1024} KiB, giới hạn của một dòng; phần sau dòng này không được đọc."))], 1);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

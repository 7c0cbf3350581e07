using System.Text;
using EmulationApi.Application.Common.Errors;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a quote inside a quoted field
/// doubled, CR LF or LF line ends, quoted fields may span lines. Blank lines are skipped. Reads UTF-8 with or without BOM.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[16 * 1024];
    private int _length, _position;

    /// <summary>The 1-based line where the last record returned started.</summary>
    public int Line { get; private set; }
    private int _line = 1;

    /// <summary>The next record's fields, or null at the end of the input.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (!await FillAsync(ct)) return null;
            if (_buffer[_position] is '\r' or '\n') { await ConsumeLineEndAsync(ct); continue; } // blank line
            return await ReadRecordAsync(ct);
        }
    }

    private async ValueTask<string[]> ReadRecordAsync(CancellationToken ct)
    {
        Line = _line;
        var fields = new List<string>();
        while (true)
        {
            _field.Clear();
            var quoted = await FillAsync(ct) && _buffer[_position] == '"';
            if (quoted)
            {
                _position++;
                while (true)
                {
                    if (!await FillAsync(ct))
                        throw Malformed("A quoted field is not closed before the end of the file.");
                    var c = _buffer[_position++];
                    if (c == '"')
                    {
                        if (await FillAsync(ct) && _buffer[_position] == '"') { _field.Append('"'); _position++; continue; }
                        break;
                    }
                    if (c == '\n') _line++;
                    _field.Append(c);
                }
                if (await FillAsync(ct) && _buffer[_position] is not (',' or '\r' or '\n'))
                    throw Malformed("Text follows the closing quote of a field; a quote inside a quoted field is written twice (\"\").");
            }
            else
            {
                while (await FillAsync(ct) && _buffer[_position] is not (',' or '\r' or '\n'))
                {
                    if (_buffer[_position] == '"')
                        throw Malformed("A quote appears inside an unquoted field; quote the whole field and double the quote.");
                    _field.Append(_buffer[_position++]);
                }
            }
            fields.Add(_field.ToString());

            if (!await FillAsync(ct)) return [.. fields];
            var separator = _buffer[_position];
            if (separator == ',') { _position++; continue; }
            await ConsumeLineEndAsync(ct);
            return [.. fields];
        }
    }

    private async ValueTask ConsumeLineEndAsync(CancellationToken ct)
    {
        var c = _buffer[_position++];
        if (c == '\r' && await FillAsync(ct) && _buffer[_position] == '\n') _position++;
        _line++;
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_position < _length) return true;
            try
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed("The file is not valid UTF-8.");
            }
            _position = 0;
            if (_length == 0) return false;
        }
    }

    private ImportRejectedException Malformed(string message) => new([new RowError(0, "", $"Line {_line}: {message}")], 1);
}

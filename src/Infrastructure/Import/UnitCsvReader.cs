using System.Runtime.CompilerServices;
using System.Text.Unicode;
using CsvHelper;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Streams unit rows out of CSV with CsvHelper: RFC 4180 (fields optionally in double quotes, a quote inside a quoted
/// field doubled, quoted fields may hold commas and line breaks), CR LF or LF line ends, blank lines skipped, UTF-8 with
/// or without BOM. A header row names the columns in any order and case; only code, name and kind are required;
/// <c>aliases</c> are separated by <c>|</c>. Row numbers count data records, the first after the header being 1; line
/// numbers in messages count every line of the file, those inside quoted fields too. A record longer than
/// <see cref="UnitRowReader.MaxRowBytes"/> is refused naming its row as soon as the reader has read that far, so a
/// hostile field never fills memory: CsvHelper grows its buffer for a long record only up to about twice
/// <see cref="CsvReaderOptions.MaxRecordSize"/>, then throws.
/// </summary>
internal static class UnitCsvReader
{
    public static readonly string[] Columns = ["code", "name", "shortName", "kind", "parentCode", "documentExchangeId", "aliases"];
    public static readonly string[] RequiredColumns = ["code", "name", "kind"];

    private static CsvReaderOptions Options(Action<CsvMalformedRecord> onMalformed) => new()
    {
        HasHeader = false,              // the header is mapped below: trimmed, any case, unknown or repeated names refused
        Separator = ',',                // never guessed from the first line
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow, // checked below against the header, naming the row
        MalformedData = CsvMalformedDataHandling.Recover, // reported through OnMalformedRecord and refused below
        OnMalformedRecord = onMalformed,
        MaxRecordSize = UnitRowReader.MaxRowBytes, // bounds the buffer; the exact limit is checked on every record below
    };

    public static async IAsyncEnumerable<UnitImportRow> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        CsvMalformedRecord? malformed = null;
        await using var csv = CsvReader.Create(body, Options(m => malformed ??= m), leaveOpen: true);

        var row = -1; // the row last read: the header is row 0, the first data row 1
        if (!await NextAsync()) yield break;
        row = 0;
        var header = new string[csv.FieldCount];
        for (var i = 0; i < header.Length; i++) header[i] = csv.GetString(i);
        var at = MapHeader(header);

        while (await NextAsync())
        {
            row++;
            if (csv.FieldCount != header.Length)
                throw new ImportRejectedException([new RowError(row, "",
                    Localized.Text(
                        $"The row (line {csv.LineNumber}) has {csv.FieldCount} field(s) but the header names {header.Length}.",
                        $"Dòng (dòng {csv.LineNumber}) có {csv.FieldCount} trường nhưng dòng tiêu đề nêu {header.Length} cột."))], 1);

            yield return new UnitImportRow(row, Field(at.Code), Field(at.Name), Field(at.Kind), Field(at.ShortName),
                Field(at.ParentCode), Field(at.DocumentExchangeId),
                Field(at.Aliases) is { } aliases ? aliases.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null);
        }

        string? Field(int index) => index < 0 ? null : csv.GetString(index);

        // The next record (row + 1; the header is row 0), refused when it is too long, its quoting is malformed or its
        // bytes are not UTF-8.
        async ValueTask<bool> NextAsync()
        {
            bool found;
            try
            {
                found = await csv.ReadAsync(ct);
            }
            catch (CsvFormatException e)
            {
                // With the options above (malformed data recovered, field counts allowed) the reader throws only for a
                // record that outgrows MaxRecordSize before it ends.
                throw TooLong(row + 1, e.LineNumber);
            }
            if (malformed is { } m) throw Malformed(m.LineNumber, Describe(m.Reason));
            if (found && csv.RawRecord.Length > UnitRowReader.MaxRowBytes) throw TooLong(row + 1, csv.LineNumber);
            if (found && !Utf8.IsValid(csv.RawRecord)) throw Malformed(csv.LineNumber, Localized.Text("The file is not valid UTF-8.", "Tệp không phải là UTF-8 hợp lệ."));
            return found;
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => Localized.Text(
            "A quoted field is not closed before the end of the file.",
            "Một trường trong dấu ngoặc kép chưa được đóng trước khi hết tệp."),
        CsvMalformedReason.StrayQuote => Localized.Text(
            "A quote appears inside an unquoted field; quote the whole field and double the quote.",
            "Dấu ngoặc kép xuất hiện trong một trường không đặt trong ngoặc kép; hãy đặt cả trường trong ngoặc kép và viết dấu ngoặc kép đó hai lần."),
        CsvMalformedReason.TextAfterClosingQuote => Localized.Text(
            "Text follows the closing quote of a field; a quote inside a quoted field is written twice (\"\").",
            "Có chữ sau dấu ngoặc kép đóng của một trường; dấu ngoặc kép bên trong trường đặt trong ngoặc kép được viết hai lần (\"\")."),
        _ => Localized.Text($"The record is malformed ({reason}).", $"Bản ghi sai cấu trúc ({reason})."),
    };

    private static ImportRejectedException Malformed(long line, string message) => new([new RowError(0, "", Localized.Text($"Line {line}: {message}", $"Dòng {line}: {message}"))], 1);

    private static ImportRejectedException TooLong(int row, long line) =>
        new([new RowError(row, "", Localized.Text(
            $"The row (line {line}) is longer than {UnitRowReader.MaxRowBytes / 1024} KiB, the limit of one row (a quote that never closes makes the rest of the file one row); nothing after it was read.",
            $"Dòng (dòng {line}) dài hơn {UnitRowReader.MaxRowBytes / 1024} KiB, giới hạn của một dòng (một dấu ngoặc kép không được đóng khiến phần còn lại của tệp thành một dòng); phần sau dòng này không được đọc."))], 1);

    /// <summary>Where each known column sits in a record; -1 when the header does not name it.</summary>
    private sealed record ColumnIndexes(int Code, int Name, int ShortName, int Kind, int ParentCode, int DocumentExchangeId, int Aliases);

    private static ColumnIndexes MapHeader(string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<RowError>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var column = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
                errors.Add(new RowError(0, name, Localized.Text(
                    $"Unknown column '{name}'; the columns are: {string.Join(", ", Columns)}.",
                    $"Cột '{name}' không xác định; các cột là: {string.Join(", ", Columns)}.")));
            else if (!index.TryAdd(column, i))
                errors.Add(new RowError(0, column, Localized.Text($"The column '{column}' appears twice in the header.", $"Cột '{column}' xuất hiện hai lần trong dòng tiêu đề.")));
        }
        errors.AddRange(RequiredColumns.Where(c => !index.ContainsKey(c))
            .Select(c => new RowError(0, c, Localized.Text(
                $"The header has no '{c}' column; {string.Join(", ", RequiredColumns)} are required.",
                $"Dòng tiêu đề không có cột '{c}'; các cột bắt buộc là {string.Join(", ", RequiredColumns)}."))));
        if (errors.Count > 0) throw new ImportRejectedException(errors, errors.Count);

        int At(string column) => index.GetValueOrDefault(column, -1);
        return new ColumnIndexes(At("code"), At("name"), At("shortName"), At("kind"), At("parentCode"), At("documentExchangeId"), At("aliases"));
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Streams unit rows out of CSV. A header row names the columns in any order and case; only code, name and kind are
/// required; <c>aliases</c> are separated by <c>|</c>. Row numbers count data records, the first after the header being 1.
/// </summary>
public static class UnitCsvReader
{
    public static readonly string[] Columns = ["code", "name", "shortName", "kind", "parentCode", "documentExchangeId", "aliases"];
    public static readonly string[] RequiredColumns = ["code", "name", "kind"];

    public static async IAsyncEnumerable<UnitImportRow> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(text);

        var header = await csv.ReadAsync(ct);
        if (header is null) yield break;
        var index = MapHeader(header);

        var row = 0;
        while (await csv.ReadAsync(ct) is { } fields)
        {
            row++;
            if (fields.Length != header.Length)
                throw new ImportRejectedException([new RowError(row, "",
                    $"The row (line {csv.Line}) has {fields.Length} field(s) but the header names {header.Length}.")], 1);
            string? Field(string column) => index.TryGetValue(column, out var i) ? fields[i] : null;

            yield return new UnitImportRow(row, Field("code"), Field("name"), Field("kind"), Field("shortName"),
                Field("parentCode"), Field("documentExchangeId"),
                Field("aliases") is { } aliases ? aliases.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null);
        }
    }

    private static Dictionary<string, int> MapHeader(string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<RowError>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var column = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
                errors.Add(new RowError(0, name, $"Unknown column '{name}'; the columns are: {string.Join(", ", Columns)}."));
            else if (!index.TryAdd(column, i))
                errors.Add(new RowError(0, column, $"The column '{column}' appears twice in the header."));
        }
        errors.AddRange(RequiredColumns.Where(c => !index.ContainsKey(c))
            .Select(c => new RowError(0, c, $"The header has no '{c}' column; {string.Join(", ", RequiredColumns)} are required.")));
        if (errors.Count > 0) throw new ImportRejectedException(errors, errors.Count);
        return index;
    }
}

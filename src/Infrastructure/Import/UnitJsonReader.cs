using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;

namespace EmulationApi.Infrastructure.Import;

/// <summary>
/// Streams unit rows out of a JSON array whose items use the CSV column names as properties. The serializer holds a
/// string token whole in its buffer before it reads it, so the body is read through <see cref="JsonRowLimitStream"/>,
/// which refuses an item longer than <see cref="UnitRowReader.MaxRowBytes"/> before the serializer buffers it.
/// </summary>
internal static partial class UnitJsonReader
{
    // As strict as every other body (src/Api/Http/StrictJson.cs): names exactly as documented and each once, numbers
    // as JSON numbers, no property the row does not have.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
    };

    private static readonly string[] Properties = ["code", "name", "kind", "shortName", "parentCode", "documentExchangeId", "aliases"];

    public static async IAsyncEnumerable<UnitImportRow> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var row = 0;
        await using var limited = new JsonRowLimitStream(body, UnitRowReader.MaxRowBytes);
        await using var items = Wrap(JsonSerializer.DeserializeAsyncEnumerable<Item>(limited, Options, ct)).GetAsyncEnumerator(ct);
        while (await items.MoveNextAsync())
        {
            row++;
            var item = items.Current ?? throw new ImportRejectedException([new RowError(row, "", Localized.Text("The item is null; expected an object.", "Phần tử là null; cần một đối tượng."))], 1);
            yield return new UnitImportRow(row, item.Code, item.Name, item.Kind, item.ShortName, item.ParentCode, item.DocumentExchangeId, item.Aliases);
        }
    }

    private static async IAsyncEnumerable<Item?> Wrap(IAsyncEnumerable<Item?> source)
    {
        await using var e = source.GetAsyncEnumerator();
        while (true)
        {
            Item? current;
            try
            {
                if (!await e.MoveNextAsync()) yield break;
                current = e.Current;
            }
            catch (JsonException ex)
            {
                throw Describe(ex);
            }
            yield return current;
        }
    }

    /// <summary>
    /// Turns a JSON error into a row error: "$[4].name" is row 5, field name. Told apart by what the serializer gives
    /// (a reader error inside, the path), never by its message's wording.
    /// </summary>
    private static ImportRejectedException Describe(JsonException ex)
    {
        var match = PathPattern().Match(ex.Path ?? "");
        var row = match.Success ? int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture) + 1 : 0;
        var field = match.Success ? match.Groups["property"].Value : "";
        var message = true switch
        {
            _ when ex.Path is null || ex.InnerException is JsonException
                => Localized.Text(
                    $"The JSON is malformed (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).",
                    $"JSON sai cú pháp (dòng {ex.LineNumber + 1}, vị trí {ex.BytePositionInLine + 1})."),
            _ when !match.Success => Localized.Text("The body must be a JSON array of unit objects.", "Nội dung phải là một mảng JSON gồm các đối tượng đơn vị."),
            _ when field.Length == 0 => Localized.Text("The item must be a unit object.", "Phần tử phải là một đối tượng đơn vị."),
            _ when !Properties.Contains(field, StringComparer.Ordinal) => Localized.Text(
                $"Unknown property '{field}'; the properties are: {string.Join(", ", Properties)}.",
                $"Thuộc tính '{field}' không xác định; các thuộc tính là: {string.Join(", ", Properties)}."),
            _ => Localized.Text(
                $"'{field}' has a value of the wrong type, or is given more than once.",
                $"'{field}' có giá trị sai kiểu, hoặc được nêu nhiều lần."),
        };
        return new ImportRejectedException([new RowError(row, field, message)], 1);
    }

    [GeneratedRegex(@"^\$\[(?<row>\d+)\](?:\.(?<property>[A-Za-z0-9_]+)|\['[^']+'\])?", RegexOptions.None, RegexTimeout.Milliseconds)]
    private static partial Regex PathPattern();

    private sealed record Item(string? Code, string? Name, string? Kind, string? ShortName, string? ParentCode,
        string? DocumentExchangeId, string[]? Aliases);
}

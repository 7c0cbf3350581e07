using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EmulationApi.Api.IntegrationTests.Export;

/// <summary>Asks for a list as a file and reads the file back: CSV as lines, Excel with the Open XML SDK.</summary>
public static class ExportFiles
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<HttpResponseMessage> GetFile(this HttpClient client, string url, string? accept = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.ParseAdd(ifNoneMatch);
        return await client.SendAsync(request);
    }

    /// <summary>The CSV's records (split on CRLF, the last empty line dropped), after checking the status, type, attachment and BOM.</summary>
    public static async Task<string[]> ExpectCsv(this HttpResponseMessage response, string fileName)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Accept", response.Headers.Vary);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("", lines[^1]);
        return lines[..^1];
    }

    /// <summary>The workbook's one sheet as cells (text as written, numbers and dates as their stored values), after
    /// checking the status, type and attachment.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<XlsxCell>>> ExpectXlsx(this HttpResponseMessage response, string fileName)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        var name = Path.GetFileNameWithoutExtension(fileName);
        Assert.Equal(name[..Math.Min(name.Length, 31)], sheet.Name?.Value); // Excel's limit on a sheet's name
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList();
        var custom = workbook.WorkbookStylesPart?.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var rows = new List<IReadOnlyList<XlsxCell>>();
        foreach (var row in ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>())
        {
            rows.Add(row.Elements<Cell>().Select(c =>
            {
                var type = c.DataType?.Value;
                var text = type == CellValues.SharedString ? shared![int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                    : type == CellValues.InlineString ? c.InlineString!.InnerText
                    : c.CellValue?.Text ?? "";
                var format = c.StyleIndex?.Value is { } style && formats?[(int)style].NumberFormatId?.Value is { } id && custom.TryGetValue(id, out var code) ? code : null;
                var kind = type == CellValues.SharedString || type == CellValues.InlineString || type == CellValues.String ? "text"
                    : type == CellValues.Boolean ? "bool" : "number";
                return new XlsxCell(text, kind, format);
            }).ToList());
        }
        return rows;
    }
}

/// <summary>A cell as stored: its text (a number's or a date's serial value as written), its kind and its custom number format.</summary>
public sealed record XlsxCell(string Text, string Kind, string? Format);

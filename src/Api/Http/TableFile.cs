using System.Globalization;
using CsvHelper;
using EmulationApi.Application.Common.Export;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Net.Http.Headers;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace EmulationApi.Api.Http;

/// <summary>The two file forms a list can be answered in besides JSON.</summary>
public enum TableFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Endpoint metadata: the operation answers its rows as a file too — CSV or Excel (<see cref="TableFile"/>), chosen by
/// <c>format</c> or <c>Accept</c>. The OpenAPI document lists both media types beside the JSON of its 200.
/// </summary>
public sealed class TableExport
{
    public static readonly TableExport Instance = new();

    private TableExport() { }
}

/// <summary>
/// The one way a list is answered as a file (<see cref="Table"/>): CSV (UTF-8 with a byte order mark, CRLF, RFC 4180
/// quoting, CsvHelper) or Excel (.xlsx, one sheet, typed cells, SpreadCheetah), written row by row as the rows are read,
/// so memory stays flat whatever the row count. Its ETag is a digest of the format and the table's state; If-None-Match
/// → 304 before any row is read.
/// </summary>
public sealed class TableFile(TableFormat format, Table table) : IResult
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Instants are shown in the province's time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).</summary>
    private static readonly TimeSpan ProvinceOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// The file form the request asks for, or null for JSON: <c>format</c> (<c>json</c>, <c>csv</c>, <c>xlsx</c>, exactly; any other
    /// value is a 400 on <c>format</c>, an empty one is absent) decides; without it the first of text/csv, the Excel type and JSON (application/json,
    /// application/*, */*) in <c>Accept</c>, by quality. Marks the answer as varying with Accept.
    /// </summary>
    public static TableFormat? Requested(HttpContext http, string? format)
    {
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        if (!string.IsNullOrEmpty(format))
        {
            // As every enum value on the wire: one of the names exactly as the document lists them (README, "Strict input").
            return format switch
            {
                "json" => null,
                "csv" => TableFormat.Csv,
                "xlsx" => TableFormat.Xlsx,
                _ => throw new ValidationException([new ValidationFailure("format", Localized.Text(
                    $"'{format}' is not one of: json, csv, xlsx.",
                    $"'{format}' không thuộc các giá trị: json, csv, xlsx."))]),
            };
        }
        foreach (var accepted in http.Request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (accepted.Quality == 0) continue;
            var mediaType = accepted.MediaType.Value;
            if (string.Equals(mediaType, CsvMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Csv;
            if (string.Equals(mediaType, XlsxMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Xlsx;
            if (mediaType is "application/json" or "application/*" or "*/*") return null;
        }
        return null;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        if (table.State is { } state && ETags.SetAndMatch(httpContext, ETags.ForState(new { format, state })))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        // The first row is read before the answer starts: a query that fails (the database unreachable, a bug) still
        // answers problem+json. Past this point the status is sent, and a failure can only cut the file short.
        await using var rows = table.Rows.GetAsyncEnumerator(ct);
        var hasRow = await rows.MoveNextAsync();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format == TableFormat.Csv ? CsvMediaType + "; charset=utf-8" : XlsxMediaType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = table.Name + (format == TableFormat.Csv ? ".csv" : ".xlsx"),
        }.ToString();
        if (format == TableFormat.Csv) await WriteCsvAsync(response.Body, rows, hasRow, ct);
        else await WriteXlsxAsync(response.Body, rows, hasRow, ct);
    }

    /// <summary>CSV: the byte order mark (so spreadsheet programs read the Vietnamese as UTF-8), the headings, the rows.
    /// Every write is asynchronous (the server refuses synchronous writes to a response): CsvHelper fills its buffer and
    /// writes it out when it is mostly full.</summary>
    private async Task WriteCsvAsync(Stream body, IAsyncEnumerator<object?[]> rows, bool hasRow, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, CsvOptions, true);
        foreach (var heading in table.Headings) csv.WriteField(heading);
        await csv.EndRecordAsync(ct);
        for (var more = hasRow; more; more = await rows.MoveNextAsync())
        {
            foreach (var cell in rows.Current) csv.WriteField(CsvText(cell));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static readonly CsvWriterOptions CsvOptions = new()
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        // A text cell starting with =, +, -, @ gets a leading apostrophe: a spreadsheet shows it instead of running it.
        Injection = CsvInjection.Escape,
    };

    private static string CsvText(object? cell) => cell switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToOffset(ProvinceOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private const int MaxSheetName = 31;

    /// <summary>Excel takes at most 31 characters in a worksheet's name; the file's name (ASCII letters and dashes) is cut to fit.</summary>
    private static string SheetName(string name) => name.Length <= MaxSheetName ? name : name[..MaxSheetName];

    /// <summary>Excel: one sheet named after the file, the headings in bold and frozen, each cell typed — numbers as
    /// numbers, dates as dates (dd/mm/yyyy), instants in the province's time, text as text.</summary>
    private async Task WriteXlsxAsync(Stream body, IAsyncEnumerator<object?[]> rows, bool hasRow, CancellationToken ct)
    {
        await using var output = new AsyncOnlyBody(body);
        var sheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: ct);
        try
        {
            await sheet.StartWorksheetAsync(SheetName(table.Name), new WorksheetOptions { FrozenRows = 1 }, ct);
            var styles = new XlsxStyles(
                sheet.AddStyle(new Style { Font = { Bold = true } }),
                sheet.AddStyle(new Style { Format = NumberFormat.Custom("dd/mm/yyyy") }),
                sheet.AddStyle(new Style { Format = NumberFormat.Custom("dd/mm/yyyy hh:mm:ss") }));
            var cells = new Cell[table.Headings.Count];
            for (var i = 0; i < cells.Length; i++) cells[i] = new Cell(table.Headings[i], styles.Heading);
            await sheet.AddRowAsync(cells, ct);
            for (var more = hasRow; more; more = await rows.MoveNextAsync())
            {
                var values = rows.Current;
                for (var i = 0; i < cells.Length; i++) cells[i] = XlsxCell(values[i], styles);
                await sheet.AddRowAsync(cells, ct);
            }
            await sheet.FinishAsync(ct);
        }
        finally
        {
            await sheet.DisposeAsync();
        }
        await output.FlushAsync(ct);
    }

    /// <summary>
    /// The response body as the workbook's writer sees it. Asynchronous writes go straight through. The few synchronous
    /// ones .NET's ZipArchive makes when it closes an entry (a data descriptor of some bytes) are kept and sent ahead of the
    /// next asynchronous write, or by <see cref="FlushAsync(CancellationToken)"/>: the server refuses synchronous writes.
    /// </summary>
    private sealed class AsyncOnlyBody(Stream body) : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _position;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _pending.Write(buffer);
            _position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await SendPendingAsync(cancellationToken);
            await body.WriteAsync(buffer, cancellationToken);
            _position += buffer.Length;
        }

        public override void Flush() { }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await SendPendingAsync(cancellationToken);
            await body.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private async Task SendPendingAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            await body.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _pending.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed record XlsxStyles(StyleId Heading, StyleId Date, StyleId Instant);

    private static Cell XlsxCell(object? value, XlsxStyles styles) => value switch
    {
        null => default,
        string s => new Cell(s),
        int i => new Cell(i),
        long l => new Cell(l),
        decimal m => new Cell(m),
        double d => new Cell(d),
        bool b => new Cell(b),
        DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue), styles.Date),
        DateTimeOffset t => new Cell(t.ToOffset(ProvinceOffset).DateTime, styles.Instant),
        _ => new Cell(CsvText(value)),
    };
}

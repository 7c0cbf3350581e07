using System.Globalization;
using System.Text;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;
using EmulationApi.Infrastructure.Import;

namespace EmulationApi.UnitTests.Import;

/// <summary>The CSV behaviour the bulk load promises, read through the port the use case reads it through.</summary>
public sealed class UnitRowReaderTests
{
    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read, so that every refill path runs
    /// (and multi-byte UTF-8 characters, CR LF pairs and quotes are split across reads).</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), ct);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], ct);
    }

    /// <summary>Whole-body reads and trickling reads of 1 and 7 bytes.</summary>
    public static TheoryData<int> Chunks => new() { int.MaxValue, 1, 7 };

    private static readonly UnitRowReader Reader = new();

    private static Task<List<UnitImportRow>> Read(string csv, bool bom = false, int chunk = int.MaxValue)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        return Read(bytes, chunk);
    }

    private static async Task<List<UnitImportRow>> Read(byte[] bytes, int chunk = int.MaxValue, string mediaType = "text/csv")
    {
        var rows = new List<UnitImportRow>();
        await foreach (var row in Reader.Read(new TrickleStream(bytes, chunk), mediaType, CancellationToken.None)) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Read_WhenAllColumnsGiven_MapsEveryField()
    {
        var rows = await Read("""
            code,name,shortName,kind,parentCode,documentExchangeId,aliases
            SNV,Sở Nội vụ,SNV,Department,UBND,000.00.12.H07,Sở Nội vụ tỉnh|SNV Bắc Ninh
            """);

        var row = Assert.Single(rows);
        Assert.Equal(new UnitImportRow(1, "SNV", "Sở Nội vụ", "Department", "SNV", "UBND", "000.00.12.H07", null), row with { Aliases = null });
        Assert.Equal(["Sở Nội vụ tỉnh", "SNV Bắc Ninh"], row.Aliases);
    }

    [Fact]
    public async Task Read_WhenHeaderInAnyOrderAndCase_MapsByName()
    {
        var rows = await Read("KIND,Aliases,NAME,code,PARENTCODE\r\nWard,P. Kinh Bắc,Phường Kinh Bắc,P-KB,UBND\r\n");

        var row = Assert.Single(rows);
        Assert.Equal("P-KB", row.Code);
        Assert.Equal("Phường Kinh Bắc", row.Name);
        Assert.Equal("Ward", row.Kind);
        Assert.Equal("UBND", row.ParentCode);
        Assert.Equal(["P. Kinh Bắc"], row.Aliases);
    }

    [Fact]
    public async Task Read_WhenHeaderNamesHaveSpaces_TrimsThem()
    {
        var row = Assert.Single(await Read(" code , name ,kind\nA,B,Other\n"));

        Assert.Equal("A", row.Code);
        Assert.Equal("B", row.Name);
    }

    [Fact]
    public async Task Read_WhenOptionalColumnsAbsent_LeavesThemNull()
    {
        var row = Assert.Single(await Read("code,name,kind\nSNV,Sở Nội vụ,Department\n"));

        Assert.Null(row.ShortName);
        Assert.Null(row.ParentCode);
        Assert.Null(row.DocumentExchangeId);
        Assert.Null(row.Aliases);
    }

    [Fact]
    public async Task Read_WhenFieldsEmpty_KeepsThemAsEmptyStrings()
    {
        var rows = await Read("code,name,kind,shortName,parentCode\nA,,Other,,\n,B,,\"\",\n");

        Assert.Equal([("A", "", "Other", "", ""), ("", "B", "", "", "")],
            rows.Select(r => (r.Code, r.Name, r.Kind, r.ShortName, r.ParentCode)));
    }

    [Fact]
    public async Task Read_WhenAliasesGiven_SplitsOnPipeTrimmingAndDroppingEmptyOnes()
    {
        var rows = await Read("code,name,kind,aliases\nA,Tên,Other, Một | Hai ||Ba|\nB,Tên,Other,\nC,Tên,Other,\"Bốn, Năm|Sáu\"\n");

        Assert.Equal(["Một", "Hai", "Ba"], rows[0].Aliases);
        Assert.Empty(rows[1].Aliases!);
        Assert.Equal(["Bốn, Năm", "Sáu"], rows[2].Aliases);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenFileStartsWithBom_RecognisesTheFirstColumn(int chunk)
    {
        var row = Assert.Single(await Read("code,name,kind\nSNV,Sở Nội vụ,Department\n", bom: true, chunk));

        Assert.Equal("SNV", row.Code);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenQuotedFieldsHoldCommasQuotesAndLineBreaks_KeepsThem(int chunk)
    {
        var row = Assert.Single(await Read("code,name,kind,shortName\r\nBBN,\"Báo \"\"Bắc Ninh\"\", cơ quan\r\nngôn luận\",Press,\"\"\r\n", chunk: chunk));

        Assert.Equal("Báo \"Bắc Ninh\", cơ quan\r\nngôn luận", row.Name);
        Assert.Equal("", row.ShortName);
    }

    [Fact]
    public async Task Read_WhenQuotedFieldIsOnlyADoubledQuote_ReadsOneQuote()
    {
        var row = Assert.Single(await Read("code,name,kind,shortName\nA,\"\"\"\",Other,\"\"\"Bắc\"\"\"\n"));

        Assert.Equal("\"", row.Name);
        Assert.Equal("\"Bắc\"", row.ShortName);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenLinesEndInCrLfOrLf_ReadsBothAlike(int chunk)
    {
        var rows = await Read("code,name,kind\r\nA,Một,Other\nB,Hai,Other\r\nC,Ba,Other\n", chunk: chunk);

        Assert.Equal([(1, "A", "Other"), (2, "B", "Other"), (3, "C", "Other")], rows.Select(r => (r.Row, r.Code, r.Kind)));
    }

    [Fact]
    public async Task Read_WhenLastLineHasNoLineEnd_ReturnsItToo()
    {
        var rows = await Read("code,name,kind\nA,Một,Other\nB,Hai,Other");

        Assert.Equal(["A", "B"], rows.Select(r => r.Code));
        Assert.Equal("Other", rows[1].Kind);
    }

    [Fact]
    public async Task Read_WhenBlankLinesBetweenRows_NumbersDataRowsOnly()
    {
        var rows = await Read("\n\r\ncode,name,kind\n\nA,Một,Other\n\r\n\nB,Hai,Other\n\n");

        Assert.Equal([(1, "A"), (2, "B")], rows.Select(r => (r.Row, r.Code)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    [InlineData("code,name,kind\n")]
    [InlineData("code,name,kind\n\n\n")]
    public async Task Read_WhenNoDataRows_ReturnsNothing(string csv)
    {
        Assert.Empty(await Read(csv));
    }

    [Fact]
    public async Task Read_WhenColumnUnknown_RejectsNamingItAndTheKnownColumns()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("code,name,kind,ministry\nA,B,Other,X\n"));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(0, error.Row);
        Assert.Equal("ministry", error.Field);
        Assert.Contains("documentExchangeId", error.Message);
    }

    [Theory]
    [InlineData("name,kind", "code")]
    [InlineData("code,kind", "name")]
    [InlineData("code,name,aliases", "kind")]
    public async Task Read_WhenRequiredColumnMissing_RejectsNamingIt(string header, string missing)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(header + "\n"));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(missing, error.Field);
        Assert.Contains($"'{missing}'", error.Message);
    }

    [Fact]
    public async Task Read_WhenHeaderHasSeveralProblems_ReportsThemAll()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("Code,CODE,foo\n"));

        Assert.Equal(["code", "foo", "kind", "name"], ex.RowErrors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(4, ex.TotalErrors);
    }

    [Theory]
    [InlineData("code,name,kind\nA,Một,Other\nB,Hai\n")]
    [InlineData("code,name,kind\nA,Một,Other\nB,Hai,Other,extra\n")]
    public async Task Read_WhenRowHasWrongFieldCount_RejectsNamingTheRow(string csv)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(csv));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(2, error.Row);
        Assert.Contains("line 3", error.Message);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenQuotedFieldsSpanLines_CountsThoseLinesInMessages(int chunk)
    {
        // Row 1 spans lines 2–4 and a blank line follows; row 2 (line 6) has a field too many.
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            Read("code,name,kind\nA,\"dòng 1\ndòng 2\r\ndòng 3\",Other\n\nB,Hai,Other,extra\n", chunk: chunk));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(2, error.Row);
        Assert.Contains("line 6", error.Message);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenQuoteNeverCloses_Rejects(int chunk)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("code,name,kind\nA,\"Một,Other\nB,Hai,Other\n", chunk: chunk));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal("Line 2: A quoted field is not closed before the end of the file.", error.Message);
        Assert.Equal(1, ex.TotalErrors);
    }

    [Theory]
    [InlineData("code,name,kind\nA,B\"C,Other\n")]
    [InlineData("code,name,kind\nA,\"B\"C,Other\n")]
    [InlineData("code,name,kind\nA,\"B\" ,Other\n")]
    public async Task Read_WhenQuoteMisplaced_RejectsNamingTheLine(string csv)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(csv));

        var error = Assert.Single(ex.RowErrors);
        Assert.StartsWith("Line 2:", error.Message);
        Assert.Contains("quote", error.Message);
    }

    [Fact]
    public async Task Read_WhenMalformedLaterInTheFile_NamesTheLine()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("code,name,kind\nA,Một,Other\nB,Hai,Other\nC,Ba\"x,Other\n"));

        Assert.StartsWith("Line 4:", Assert.Single(ex.RowErrors).Message);
    }

    [Fact]
    public async Task Read_WhenNotUtf8_Rejects()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("code,name,kind\nA,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",Other\n")];

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(bytes));

        var error = Assert.Single(ex.RowErrors);
        Assert.Contains("UTF-8", error.Message);
        Assert.StartsWith("Line 2:", error.Message);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task Read_WhenFieldLongerThanTheReadBuffer_ReadsItWhole(int chunk)
    {
        // Each field is longer than CsvHelper's 64 KiB read buffer; the row (about 230 KB) is within the row limit.
        var longPlain = new string('x', 100_000);
        var longQuoted = string.Concat(Enumerable.Repeat("Sở \"Nội\" vụ, ", 6_000));
        var csv = $"code,name,kind\n{longPlain},\"{longQuoted.Replace("\"", "\"\"")}\",Other\nend,end,end\n";

        var rows = await Read(csv, chunk: chunk == 1 ? 4096 : chunk);

        Assert.Equal(2, rows.Count);
        Assert.Equal(longPlain, rows[0].Code);
        Assert.Equal(longQuoted, rows[0].Name);
        Assert.Equal(("end", "end", "end"), (rows[1].Code, rows[1].Name, rows[1].Kind));
    }

    [Theory]
    [InlineData(UnitRowReader.MaxRowBytes + 1, int.MaxValue)]
    [InlineData(UnitRowReader.MaxRowBytes + 1, 7)]
    [InlineData(20_000_000, int.MaxValue)]
    [InlineData(20_000_000, 4096)]
    public async Task Read_WhenCsvRowLongerThanTheLimit_RejectsNamingTheRow(int rowBytes, int chunk)
    {
        var first = "A,Một,Other";
        var csv = $"code,name,kind\n{first}\n\nB,{new string('x', rowBytes - "B,,Other".Length)},Other\nC,Ba,Other\n";

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(csv, chunk: chunk));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal((2, ""), (error.Row, error.Field));
        Assert.Equal("The row (line 4) is longer than 256 KiB, the limit of one row (a quote that never closes makes the rest of the file one row); nothing after it was read.", error.Message);
    }

    [Fact]
    public async Task Read_WhenCsvRowIsExactlyTheLimit_ReadsIt()
    {
        var name = new string('x', UnitRowReader.MaxRowBytes - "B,,Other".Length);

        var rows = await Read($"code,name,kind\nB,{name},Other\n");

        Assert.Equal(name, Assert.Single(rows).Name);
    }

    [Fact]
    public async Task Read_WhenQuoteNeverClosesInALargeFile_RejectsTheRowAsTooLong()
    {
        var rows = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"U{i},Đơn vị {i},Other\n"));

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read($"code,name,kind\nA,\"Một,Other\n{rows}", chunk: 4096));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(1, error.Row);
        Assert.StartsWith("The row (line 2) is longer than 256 KiB", error.Message);
    }

    [Fact]
    public async Task Read_WhenCsvHeaderLongerThanTheLimit_RejectsRowZero()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read($"code,name,kind,{new string('x', 2 * UnitRowReader.MaxRowBytes)}\n"));

        Assert.Equal(0, Assert.Single(ex.RowErrors).Row);
    }

    [Theory]
    [InlineData(UnitRowReader.MaxRowBytes, int.MaxValue)]
    [InlineData(20_000_000, 4096)]
    public async Task Read_WhenJsonRowLongerThanTheLimit_RejectsNamingTheRow(int stringBytes, int chunk)
    {
        // Quotes, escaped quotes, brackets and commas inside strings do not end a row.
        var json = $$"""[{"code":"A,]","name":"M\"ột [x], {y}","kind":"Other"}, {"code":"B","name":"{{new string('x', stringBytes)}}","kind":"Other"},{"code":"C"}]""";

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(Encoding.UTF8.GetBytes(json), chunk, "application/json"));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal((2, ""), (error.Row, error.Field));
        Assert.Equal("The row is longer than 256 KiB, the limit of one row; nothing after it was read.", error.Message);
    }

    [Fact]
    public async Task Read_WhenJsonRowsWithinTheLimit_ReadsThemAll()
    {
        var name = new string('x', UnitRowReader.MaxRowBytes - 100);
        var json = $$"""[{"code":"A","name":"{{name}}","kind":"Other"},{"code":"B","name":"{{name}}","kind":"Other"}]""";

        var rows = await Read(Encoding.UTF8.GetBytes(json), 7, "application/json");

        Assert.Equal([("A", name), ("B", name)], rows.Select(r => (r.Code, r.Name)));
    }

    [Fact]
    public async Task Read_WhenJsonBodyIsOneHugeStringInsteadOfAnArray_RejectsRowZero()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            Read(Encoding.UTF8.GetBytes($"\"{new string('x', 2 * UnitRowReader.MaxRowBytes)}\""), 4096, "application/json"));

        Assert.Equal(0, Assert.Single(ex.RowErrors).Row);
    }

    [Fact]
    public async Task Read_WhenEveryPositionHitsAReadEdge_MatchesAWholeRead()
    {
        var csv = "\uFEFFcode,name,kind\r\n\"A,1\",\"x\"\"ý\",Other\n\n\"multi\r\nline\",Ừ,\r\nlast,\"\",\"\"\n";

        var whole = await Read(csv);
        foreach (var chunk in new[] { 1, 2, 3, 5 })
            Assert.Equal(whole.Select(r => (r.Row, r.Code, r.Name, r.Kind)), (await Read(csv, chunk: chunk)).Select(r => (r.Row, r.Code, r.Name, r.Kind)));
        Assert.Equal([(1, "A,1", "x\"ý", "Other"), (2, "multi\r\nline", "Ừ", ""), (3, "last", "", "")],
            whole.Select(r => (r.Row, r.Code, r.Name, r.Kind)));
    }

    [Fact]
    public async Task Read_WhenFileIsLargerThanTheBuffer_ReadsEveryRow()
    {
        var csv = new StringBuilder("code,name,kind,aliases\r\n");
        for (var i = 1; i <= 2_000; i++) csv.Append(CultureInfo.InvariantCulture, $"U{i},\"Đơn vị {i}, tỉnh Bắc Ninh\",Other,Tên {i}|ĐV{i}\r\n");

        var rows = await Read(csv.ToString(), bom: true);

        Assert.Equal(2_000, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2_000), rows.Select(r => r.Row));
        Assert.Equal("U1777", rows[1776].Code);
        Assert.Equal("Đơn vị 1777, tỉnh Bắc Ninh", rows[1776].Name);
        Assert.Equal(["Tên 1777", "ĐV1777"], rows[1776].Aliases);
    }

    [Fact]
    public async Task Read_WhenCancelled_Throws()
    {
        var rows = Reader.Read(new MemoryStream(Encoding.UTF8.GetBytes("code,name,kind\nA,B,Other\n")), "text/csv", new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => { await foreach (var _ in rows) { } });
    }

    [Theory]
    [InlineData("text/csv; charset=utf-8")]
    [InlineData("TEXT/CSV")]
    public async Task Read_WhenMediaTypeHasParametersOrCapitals_ReadsCsv(string mediaType)
    {
        var row = Assert.Single(await Read(Encoding.UTF8.GetBytes("code,name,kind\nA,Một,Other\n"), mediaType: mediaType));

        Assert.Equal("Một", row.Name);
    }

    [Fact]
    public async Task Read_WhenJson_ReadsTheArray()
    {
        var rows = await Read(Encoding.UTF8.GetBytes("""[{"code":"A","name":"Một","kind":"Other","aliases":["x"]}]"""), mediaType: "application/json");

        Assert.Equal(new UnitImportRow(1, "A", "Một", "Other"), Assert.Single(rows) with { Aliases = null });
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    [InlineData("")]
    [InlineData(null)]
    public void Read_WhenMediaTypeUnreadable_RefusesBeforeReading(string? mediaType)
    {
        var ex = Assert.Throws<UnsupportedMediaTypeException>(() => Reader.Read(new MemoryStream(), mediaType, CancellationToken.None));

        Assert.Contains("media type", ex.Message);
        Assert.Equal(["application/json", "text/csv"], ex.Supported);
    }
}

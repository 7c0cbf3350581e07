using EmulationApi.Application.Common.Errors;
using EmulationApi.Infrastructure.Import;

namespace EmulationApi.UnitTests.Import;

public sealed class CsvRecordReaderTests
{
    /// <summary>A reader that hands out at most <paramref name="chunk"/> characters per read, so that every refill path runs.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>Whole-text reads (one refill per 16 KiB buffer) and trickling reads of 1 and 7 characters.</summary>
    public static TheoryData<int> Chunks => new() { int.MaxValue, 1, 7 };

    private static TextReader Reader(string text, int chunk) =>
        chunk == int.MaxValue ? new StringReader(text) : new TrickleReader(text, chunk);

    private static async Task<List<string[]>> ReadAll(string text, int chunk = int.MaxValue)
    {
        var csv = new CsvRecordReader(Reader(text, chunk));
        var records = new List<string[]>();
        while (await csv.ReadAsync(CancellationToken.None) is { } record) records.Add(record);
        return records;
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenPlainFields_SplitsOnCommas(int chunk)
    {
        var records = await ReadAll("code,name,kind\nSNV,Sở Nội vụ,Department\n", chunk);

        Assert.Equal([["code", "name", "kind"], ["SNV", "Sở Nội vụ", "Department"]], records);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenLastLineHasNoLineEnd_ReturnsItToo(int chunk)
    {
        Assert.Equal([["a", "b"], ["c", "d"]], await ReadAll("a,b\nc,d", chunk));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenFieldsEmpty_KeepsThemAsEmptyStrings(int chunk)
    {
        Assert.Equal([["a", "", "c"], ["", ""], ["x", ""]], await ReadAll("a,,c\n,\nx,\n", chunk));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenQuotedFieldHoldsCommas_KeepsThemInTheField(int chunk)
    {
        var records = await ReadAll("\"Sở Văn hóa, Thể thao và Du lịch\",SVHTTDL,\"\"\n", chunk);

        Assert.Equal([["Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ""]], records);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenQuotedFieldHoldsDoubledQuotes_UnescapesThem(int chunk)
    {
        var records = await ReadAll("\"Báo \"\"Bắc Ninh\"\"\",\"\"\"\"\n", chunk);

        Assert.Equal([["Báo \"Bắc Ninh\"", "\""]], records);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenQuotedFieldHoldsLineBreaks_KeepsThemAndCountsLines(int chunk)
    {
        var csv = new CsvRecordReader(Reader("a,b\n\"dòng 1\ndòng 2\r\ndòng 3\",x\nc,d\n", chunk));

        var first = await csv.ReadAsync(CancellationToken.None);
        Assert.Equal(1, csv.Line);
        var second = await csv.ReadAsync(CancellationToken.None);
        Assert.Equal(2, csv.Line);
        var third = await csv.ReadAsync(CancellationToken.None);
        Assert.Equal(5, csv.Line);

        Assert.Equal(["a", "b"], first!);
        Assert.Equal(["dòng 1\ndòng 2\r\ndòng 3", "x"], second!);
        Assert.Equal(["c", "d"], third!);
        Assert.Null(await csv.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenLinesEndInCrLfOrLf_ReadsBothAlike(int chunk)
    {
        var records = await ReadAll("a,b\r\nc,d\ne,f\r\n", chunk);

        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], records);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenBlankLinesAppear_SkipsThem(int chunk)
    {
        var csv = new CsvRecordReader(Reader("\n\r\na,b\n\n\r\n\nc,d\n\n", chunk));

        var first = await csv.ReadAsync(CancellationToken.None);
        Assert.Equal(3, csv.Line);
        var second = await csv.ReadAsync(CancellationToken.None);
        Assert.Equal(7, csv.Line);

        Assert.Equal(["a", "b"], first!);
        Assert.Equal(["c", "d"], second!);
        Assert.Null(await csv.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    public async Task ReadAsync_WhenInputHasNoRecords_ReturnsNull(string text)
    {
        Assert.Empty(await ReadAll(text));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenQuoteNeverCloses_ThrowsImportRejected(int chunk)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ReadAll("a,b\n\"Sở Nội vụ,SNV\nc,d\n", chunk));

        var error = Assert.Single(ex.RowErrors);
        Assert.Contains("not closed", error.Message);
        Assert.Equal(1, ex.TotalErrors);
    }

    [Theory]
    [InlineData("a,b\"c\n")]
    [InlineData("\"a\"b,c\n")]
    [InlineData("\"a\" ,c\n")]
    public async Task ReadAsync_WhenQuoteMisplaced_ThrowsImportRejected(string text)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ReadAll(text));

        Assert.Contains("quote", Assert.Single(ex.RowErrors).Message);
    }

    [Fact]
    public async Task ReadAsync_WhenMalformedLaterInTheFile_NamesTheLine()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => ReadAll("a,b\nc,d\ne,f\"g\n"));

        Assert.StartsWith("Line 3:", Assert.Single(ex.RowErrors).Message);
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task ReadAsync_WhenFieldLongerThanTheBuffer_ReadsItWhole(int chunk)
    {
        var longPlain = new string('x', 40_000);
        var longQuoted = string.Concat(Enumerable.Repeat("Sở \"Nội\" vụ, ", 3_000));
        var text = $"{longPlain},\"{longQuoted.Replace("\"", "\"\"")}\"\nend,end\n";

        var records = await ReadAll(text, chunk);

        Assert.Equal(2, records.Count);
        Assert.Equal(longPlain, records[0][0]);
        Assert.Equal(longQuoted, records[0][1]);
        Assert.Equal(["end", "end"], records[1]);
    }

    [Fact]
    public async Task ReadAsync_WhenLineEndsAndQuotesStraddleTheBufferEdge_ReadsCorrectly()
    {
        // Slide the tricky tail across 16 384 chars, the reader's buffer size, so that each of its characters (CR LF,
        // opening, doubled and closing quotes, separators) lands once on each side of the edge.
        const int edge = 16 * 1024;
        const string tail = "\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\nlast,\"\"\"\"\r\n";
        for (var shift = 0; shift <= tail.Length + 1; shift++)
        {
            var head = new string('h', edge - tail.Length + shift);

            var records = await ReadAll(head + tail);

            Assert.Equal([[head], ["a\"b", "c\r\nd"], ["last", "\""]], records);
        }
    }

    [Fact]
    public async Task ReadAsync_WhenEveryPositionHitsABufferEdge_MatchesAWholeRead()
    {
        var text = "code,name\r\n\"A,1\",\"x\"\"y\"\n\n\"multi\r\nline\",\r\nlast,\"\"\n";

        var whole = await ReadAll(text);
        foreach (var chunk in new[] { 1, 2, 3, 5 })
            Assert.Equal(whole, await ReadAll(text, chunk));
        Assert.Equal([["code", "name"], ["A,1", "x\"y"], ["multi\r\nline", ""], ["last", ""]], whole);
    }

    [Fact]
    public async Task ReadAsync_WhenCancelled_Throws()
    {
        var csv = new CsvRecordReader(new StringReader("a,b\n"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => csv.ReadAsync(new CancellationToken(canceled: true)).AsTask());
    }
}

using System.Text;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Units;
using EmulationApi.Infrastructure.Import;

namespace EmulationApi.UnitTests.Import;

public sealed class UnitCsvReaderTests
{
    private static async Task<List<UnitImportRow>> Read(string csv, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        return await Read(bytes);
    }

    private static async Task<List<UnitImportRow>> Read(byte[] bytes)
    {
        var rows = new List<UnitImportRow>();
        await foreach (var row in UnitCsvReader.ReadAsync(new MemoryStream(bytes))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task ReadAsync_WhenAllColumnsGiven_MapsEveryField()
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
    public async Task ReadAsync_WhenHeaderInAnyOrderAndCase_MapsByName()
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
    public async Task ReadAsync_WhenHeaderNamesHaveSpaces_TrimsThem()
    {
        var row = Assert.Single(await Read(" code , name ,kind\nA,B,Other\n"));

        Assert.Equal("A", row.Code);
        Assert.Equal("B", row.Name);
    }

    [Fact]
    public async Task ReadAsync_WhenOptionalColumnsAbsent_LeavesThemNull()
    {
        var row = Assert.Single(await Read("code,name,kind\nSNV,Sở Nội vụ,Department\n"));

        Assert.Null(row.ShortName);
        Assert.Null(row.ParentCode);
        Assert.Null(row.DocumentExchangeId);
        Assert.Null(row.Aliases);
    }

    [Fact]
    public async Task ReadAsync_WhenAliasesGiven_SplitsOnPipeTrimmingAndDroppingEmptyOnes()
    {
        var rows = await Read("code,name,kind,aliases\nA,Tên,Other, Một | Hai ||Ba|\nB,Tên,Other,\nC,Tên,Other,\"Bốn, Năm|Sáu\"\n");

        Assert.Equal(["Một", "Hai", "Ba"], rows[0].Aliases);
        Assert.Empty(rows[1].Aliases!);
        Assert.Equal(["Bốn, Năm", "Sáu"], rows[2].Aliases);
    }

    [Fact]
    public async Task ReadAsync_WhenFileStartsWithBom_RecognisesTheFirstColumn()
    {
        var row = Assert.Single(await Read("code,name,kind\nSNV,Sở Nội vụ,Department\n", bom: true));

        Assert.Equal("SNV", row.Code);
    }

    [Fact]
    public async Task ReadAsync_WhenQuotedFieldsHoldCommasQuotesAndLineBreaks_KeepsThem()
    {
        var row = Assert.Single(await Read("code,name,kind,shortName\r\nBBN,\"Báo \"\"Bắc Ninh\"\", cơ quan\r\nngôn luận\",Press,\"\"\r\n"));

        Assert.Equal("Báo \"Bắc Ninh\", cơ quan\r\nngôn luận", row.Name);
        Assert.Equal("", row.ShortName);
    }

    [Fact]
    public async Task ReadAsync_WhenBlankLinesBetweenRows_NumbersDataRowsOnly()
    {
        var rows = await Read("code,name,kind\n\nA,Một,Other\n\r\n\nB,Hai,Other\n\n");

        Assert.Equal([(1, "A"), (2, "B")], rows.Select(r => (r.Row, r.Code)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("code,name,kind\n")]
    [InlineData("code,name,kind\n\n\n")]
    public async Task ReadAsync_WhenNoDataRows_ReturnsNothing(string csv)
    {
        Assert.Empty(await Read(csv));
    }

    [Fact]
    public async Task ReadAsync_WhenColumnUnknown_RejectsNamingItAndTheKnownColumns()
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
    public async Task ReadAsync_WhenRequiredColumnMissing_RejectsNamingIt(string header, string missing)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(header + "\n"));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(missing, error.Field);
        Assert.Contains($"'{missing}'", error.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenHeaderHasSeveralProblems_ReportsThemAll()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("Code,CODE,foo\n"));

        Assert.Equal(["code", "foo", "kind", "name"], ex.RowErrors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(4, ex.TotalErrors);
    }

    [Theory]
    [InlineData("code,name,kind\nA,Một,Other\nB,Hai\n")]
    [InlineData("code,name,kind\nA,Một,Other\nB,Hai,Other,extra\n")]
    public async Task ReadAsync_WhenRowHasWrongFieldCount_RejectsNamingTheRow(string csv)
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(csv));

        var error = Assert.Single(ex.RowErrors);
        Assert.Equal(2, error.Row);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenQuoteUnterminated_Rejects()
    {
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read("code,name,kind\nA,\"Một,Other\n"));

        Assert.Contains("not closed", Assert.Single(ex.RowErrors).Message);
    }

    [Fact]
    public async Task ReadAsync_WhenNotUtf8_Rejects()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("code,name,kind\nA,"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",Other\n")];

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Read(bytes));

        Assert.Contains("UTF-8", Assert.Single(ex.RowErrors).Message);
    }

    [Fact]
    public async Task ReadAsync_WhenFileIsLargerThanTheBuffer_ReadsEveryRow()
    {
        var csv = new StringBuilder("code,name,kind,aliases\r\n");
        for (var i = 1; i <= 2_000; i++) csv.Append($"U{i},\"Đơn vị {i}, tỉnh Bắc Ninh\",Other,Tên {i}|ĐV{i}\r\n");

        var rows = await Read(csv.ToString(), bom: true);

        Assert.Equal(2_000, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2_000), rows.Select(r => r.Row));
        Assert.Equal("U1777", rows[1776].Code);
        Assert.Equal("Đơn vị 1777, tỉnh Bắc Ninh", rows[1776].Name);
        Assert.Equal(["Tên 1777", "ĐV1777"], rows[1776].Aliases);
    }
}

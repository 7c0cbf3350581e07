using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class ImportUnitsTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ImportUrl = "/api/v1/units/import";

    private async Task<JsonNode> Import(HttpContent content, HttpStatusCode expected = HttpStatusCode.OK, bool dryRun = false)
    {
        var response = await Client.PostAsync(dryRun ? ImportUrl + "?dryRun=true" : ImportUrl, content);
        return expected == HttpStatusCode.OK ? await response.ExpectJson(expected) : await response.ExpectProblem(expected);
    }

    private static void AssertCounts(JsonNode result, int created, int updated, int unchanged)
    {
        Assert.Equal(created, (int)result["created"]!);
        Assert.Equal(updated, (int)result["updated"]!);
        Assert.Equal(unchanged, (int)result["unchanged"]!);
        Assert.Equal(created + updated + unchanged, (int)result["received"]!);
    }

    private Task<long> UnitCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM units");

    private static (int Row, string Field, string Message)[] RowErrors(JsonNode problem) =>
        problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!, (string)e["message"]!)).ToArray();

    [Fact]
    public async Task ImportUnits_WhenJsonArray_CreatesUnitsWithParentsGivenLater()
    {
        var result = await Import(TestHttp.Json("""
            [
              {"code":"VP-UBND","name":"Văn phòng UBND tỉnh","kind":"Department","parentCode":"UBND"},
              {"code":"UBND","name":"Ủy ban nhân dân tỉnh Bắc Ninh","kind":"Other","aliases":["UBND tỉnh","Uỷ ban nhân dân tỉnh"]}
            ]
            """));

        AssertCounts(result, created: 2, updated: 0, unchanged: 0);
        Assert.False((bool)result["dryRun"]!);
        var child = await Client.GetUnitByCode("vp-ubnd");
        var parent = await Client.GetUnitByCode("UBND");
        Assert.Equal((string?)parent["id"], (string?)child["parentId"]);
        Assert.Equal(["UBND tỉnh", "Uỷ ban nhân dân tỉnh"], parent["aliases"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task ImportUnits_WhenSameFileAgain_ReportsAllUnchangedAndWritesNothing()
    {
        var csv = "code,name,kind,parentCode\nA,Đơn vị A,Department,\nB,Đơn vị B,Ward,A\n";
        await Import(TestHttp.Csv(csv));
        var before = await Factory.ScalarAsync<DateTime>("SELECT max(updated_at) FROM units");

        var again = await Import(TestHttp.Csv(csv));

        AssertCounts(again, created: 0, updated: 0, unchanged: 2);
        Assert.Equal(before, await Factory.ScalarAsync<DateTime>("SELECT max(updated_at) FROM units"));
    }

    [Fact]
    public async Task ImportUnits_WhenCsvHasQuirks_ReadsEveryField()
    {
        // BOM, header in another order and case, CRLF, quoted commas, doubled quotes, a newline inside a field,
        // '|'-separated aliases, a blank line, and a parent that appears later in the file.
        var csv = "Kind,CODE,Name,ParentCode,Aliases,shortname,DocumentExchangeId\r\n" +
                  "Press,BPTTH,\"Báo và Phát thanh, truyền hình Bắc Ninh\",,\"Báo và Phát thanh truyền hình Bắc Ninh|Báo BN\",BPTTH,\r\n" +
                  "\r\n" +
                  "Department,TT-X,\"Trung tâm \"\"Xúc tiến\"\"\nđầu tư\",SKH,,,000.00.33.H07\r\n" +
                  "Department,SKH,Sở Kế hoạch và Đầu tư,,,,\r\n";

        var result = await Import(TestHttp.Csv(csv, bom: true));

        AssertCounts(result, created: 3, updated: 0, unchanged: 0);
        var press = await Client.GetUnitByCode("BPTTH");
        Assert.Equal("Báo và Phát thanh, truyền hình Bắc Ninh", (string?)press["name"]);
        Assert.Equal("Press", (string?)press["kind"]);
        Assert.Equal("BPTTH", (string?)press["shortName"]);
        Assert.Equal(["Báo và Phát thanh truyền hình Bắc Ninh", "Báo BN"], press["aliases"]!.AsArray().Select(a => (string?)a));
        var centre = await Client.GetUnitByCode("TT-X");
        Assert.Equal("Trung tâm \"Xúc tiến\" đầu tư", (string?)centre["name"]); // the newline is folded to a space
        Assert.Equal("SKH", (string?)centre["parentCode"]);
        Assert.Equal("000.00.33.H07", (string?)centre["documentExchangeId"]);
    }

    [Fact]
    public async Task ImportUnits_WhenMultipartFile_ReadsCsvAndJsonFiles()
    {
        using var csvForm = new MultipartFormDataContent
        {
            { new StringContent("code,name,kind\nX1,Xã Một,Commune\n", Encoding.UTF8, "text/csv"), "file", "units.csv" },
        };
        AssertCounts(await Import(csvForm), created: 1, updated: 0, unchanged: 0);

        var json = new ByteArrayContent(Encoding.UTF8.GetBytes("""[{"code":"X2","name":"Xã Hai","kind":"Commune"}]"""));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var jsonForm = new MultipartFormDataContent { { new StringContent("note"), "comment" }, { json, "file", "units.json" } };
        AssertCounts(await Import(jsonForm), created: 1, updated: 0, unchanged: 0);

        Assert.Equal(2, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenSomeRowsChanged_CountsCreatedUpdatedUnchanged()
    {
        await Import(TestHttp.Csv("code,name,kind,aliases\nA,Đơn vị A,Department,a1\nB,Đơn vị B,Department,\nC,Đơn vị C,Department,\n"));

        var result = await Import(TestHttp.Csv(
            "code,name,kind,aliases\nA,Đơn vị A,Department,a1\nb,Đơn vị B mới,Department,\nC,Đơn vị C,Ward,\nD,Đơn vị D,Other,\n"));

        AssertCounts(result, created: 1, updated: 2, unchanged: 1);
        var b = await Client.GetUnitByCode("B");
        Assert.Equal("B", (string?)b["code"]); // the code keeps its first spelling; matching ignores case
        Assert.Equal("Đơn vị B mới", (string?)b["name"]);
        Assert.Equal("Ward", (string?)(await Client.GetUnitByCode("C"))["kind"]);
        Assert.Equal(4, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenNamesArriveInNfd_StoresNfcAndNfcReimportIsUnchanged()
    {
        var nfd = "Phường Võ Cường".Normalize(NormalizationForm.FormD);
        await Import(TestHttp.Csv($"code,name,kind\nP-VC,{nfd},Ward\n"));

        Assert.Equal("Phường Võ Cường", (string?)(await Client.GetUnitByCode("P-VC"))["name"]);
        var again = await Import(TestHttp.Csv("code,name,kind\nP-VC,Phường Võ Cường,Ward\n"));
        AssertCounts(again, created: 0, updated: 0, unchanged: 1);
    }

    [Fact]
    public async Task ImportUnits_WhenRowsAreBad_Returns400ListingEveryBadRowAndWritesNothing()
    {
        await Client.CreateUnit("OLD", "Đơn vị cũ");
        var csv = "code,name,kind,parentCode,shortName\n" +
                  "A,Đơn vị A,Department,,\n" +          // 1 ok
                  "a,Trùng mã,Department,,\n" +          // 2 duplicate of row 1 (case-insensitive)
                  "C,,Department,,\n" +                  // 3 empty name
                  "D,Đơn vị D,Ministry,,\n" +            // 4 unknown kind
                  "E,Đơn vị E,Department,GHOST,\n" +     // 5 unknown parent
                  "F,Đơn vị F,Department,G,\n" +         // 6 cycle F -> G -> F
                  "G,Đơn vị G,Department,F,\n" +         // 7 cycle
                  $"H,Đơn vị H,Department,,{new string('x', 101)}\n" + // 8 short name too long
                  "bad code,Đơn vị I,Department,,\n" +   // 9 bad code
                  "J,Đơn vị J,Department,C,\n";          // 10 ok: its parent C has a bad name but exists in the file

        var problem = await Import(TestHttp.Csv(csv), HttpStatusCode.BadRequest);

        var errors = RowErrors(problem);
        Assert.Contains(errors, e => e is { Row: 2, Field: "code" } && e.Message.Contains("row 1"));
        Assert.Contains(errors, e => e is { Row: 3, Field: "name" });
        Assert.Contains(errors, e => e is { Row: 4, Field: "kind" } && e.Message.Contains("Ministry"));
        Assert.Contains(errors, e => e is { Row: 5, Field: "parentCode" } && e.Message.Contains("GHOST"));
        Assert.Contains(errors, e => e is { Row: 6, Field: "parentCode" } && e.Message.Contains("cycle"));
        Assert.Contains(errors, e => e is { Row: 7, Field: "parentCode" } && e.Message.Contains("cycle"));
        Assert.Contains(errors, e => e is { Row: 8, Field: "shortName" });
        Assert.Contains(errors, e => e is { Row: 9, Field: "code" });
        Assert.DoesNotContain(errors, e => e.Row is 1 or 10);
        Assert.Equal(errors.Length, (int)problem["errorCount"]!);
        Assert.Equal(errors.OrderBy(e => e.Row).Select(e => e.Row), errors.Select(e => e.Row));
        Assert.Equal(1, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenParentChangeWouldCycleThroughExistingUnits_Rejects()
    {
        await Import(TestHttp.Csv("code,name,kind,parentCode\nTOP,Top,Other,\nMID,Mid,Other,TOP\nLOW,Low,Other,MID\n"));

        var problem = await Import(TestHttp.Csv("code,name,kind,parentCode\nTOP,Top,Other,LOW\n"), HttpStatusCode.BadRequest);

        Assert.Contains(RowErrors(problem), e => e is { Row: 1, Field: "parentCode" } && e.Message.Contains("cycle"));
        Assert.Null((await Client.GetUnitByCode("TOP"))["parentId"]);
    }

    [Fact]
    public async Task ImportUnits_WhenDryRun_CountsWithoutWriting()
    {
        await Client.CreateUnit("A", "Đơn vị A");

        var result = await Import(TestHttp.Csv("code,name,kind\nA,Đơn vị A đổi tên,Department\nB,Đơn vị B,Ward\n"), dryRun: true);

        AssertCounts(result, created: 1, updated: 1, unchanged: 0);
        Assert.True((bool)result["dryRun"]!);
        Assert.Equal(1, await UnitCount());
        Assert.Equal("Đơn vị A", (string?)(await Client.GetUnitByCode("A"))["name"]);
    }

    [Fact]
    public async Task ImportUnits_WhenDryRunHasBadRows_ReportsThemToo()
    {
        var problem = await Import(TestHttp.Csv("code,name,kind\nA,,Department\n"), HttpStatusCode.BadRequest, dryRun: true);

        Assert.Equal([(1, "name")], RowErrors(problem).Select(e => (e.Row, e.Field)));
    }

    [Theory]
    [InlineData("name,kind\nX,Department\n", "code")]
    [InlineData("code,name,kind,colour\nA,B,Department,red\n", "colour")]
    [InlineData("code,name,kind,name\nA,B,Department,C\n", "name")]
    public async Task ImportUnits_WhenHeaderIsWrong_Returns400OnRowZero(string csv, string field)
    {
        var problem = await Import(TestHttp.Csv(csv), HttpStatusCode.BadRequest);

        Assert.Contains(RowErrors(problem), e => e.Row == 0 && e.Field == field);
        Assert.Equal(0, await UnitCount());
    }

    [Theory]
    [InlineData("code,name,kind\nA,\"unterminated,Department\n")]
    [InlineData("code,name,kind\nA,B\"C,Department\n")]
    [InlineData("code,name,kind\nA,B,Department,extra\n")]
    public async Task ImportUnits_WhenCsvMalformed_Returns400AndWritesNothing(string csv)
    {
        var problem = await Import(TestHttp.Csv("code,name,kind\nOK,Đơn vị tốt,Department\n" + csv[(csv.IndexOf('\n') + 1)..]), HttpStatusCode.BadRequest);

        Assert.NotEmpty(RowErrors(problem));
        Assert.Equal(0, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenCsvNotUtf8_Returns400()
    {
        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("code,name,kind\nA,"), 0xC0, 0x41, .. Encoding.ASCII.GetBytes(",Department\n")]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var problem = await Import(latin1, HttpStatusCode.BadRequest);

        Assert.Contains(RowErrors(problem), e => e.Message.Contains("UTF-8"));
    }

    [Theory]
    [InlineData("code,name,kind\n")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task ImportUnits_WhenNoRows_Returns400(string body)
    {
        var content = body.StartsWith('[') ? TestHttp.Json(body) : TestHttp.Csv(body);

        var problem = await Import(content, HttpStatusCode.BadRequest);

        Assert.Contains("no rows", (string?)problem["errors"]!["rows"]![0]);
    }

    [Theory]
    [InlineData("""[{"code":"A","name":"A","kind":"Department"},{"code":"B","name":42,"kind":"Department"}]""", 2, "name")]
    [InlineData("""[{"code":"A","name":"A","kind":"Department","colour":"red"}]""", 1, "colour")]
    [InlineData("""[{"code":"A","name":"A","kind":"Department"}, oops]""", 2, "")]
    [InlineData("""{"code":"A"}""", 0, "")]
    public async Task ImportUnits_WhenJsonMalformed_Returns400WithTheRow(string json, int row, string field)
    {
        var problem = await Import(TestHttp.Json(json), HttpStatusCode.BadRequest);

        var error = Assert.Single(RowErrors(problem));
        Assert.Equal(row, error.Row);
        Assert.Equal(field, error.Field);
        Assert.Equal(0, await UnitCount());
    }

    // The import's JSON is as strict as every other body: names exactly as documented, each once, numbers as numbers.
    [Theory]
    [InlineData("""[{"code":"A","name":"A","kind":"Department","colour":"red"}]""", 1, "colour",
        "Unknown property 'colour'; the properties are: code, name, kind, shortName, parentCode, documentExchangeId, aliases.")]
    [InlineData("""[{"code":"A","name":"A","kind":"Department"},{"Code":"B","name":"B","kind":"Department"}]""", 2, "Code",
        "Unknown property 'Code'; the properties are: code, name, kind, shortName, parentCode, documentExchangeId, aliases.")]
    [InlineData("""[{"code":"A","code":"B","name":"A","kind":"Department"}]""", 1, "code",
        "'code' has a value of the wrong type, or is given more than once.")]
    [InlineData("""[{"code":"A","name":42,"kind":"Department"}]""", 1, "name",
        "'name' has a value of the wrong type, or is given more than once.")]
    [InlineData("""{"code":"A"}""", 0, "", "The body must be a JSON array of unit objects.")]
    [InlineData("""[{"code":"A","name":"A","kind":"Department"},"B"]""", 2, "", "The item must be a unit object.")]
    [InlineData("""[{"code":"A","name":"A","kind":"Department"}, oops]""", 2, "", "The JSON is malformed (line 1, position 47).")]
    public async Task ImportUnits_WhenJsonBreaksTheContract_Returns400NamingRowFieldAndWhy(string json, int row, string field, string message)
    {
        var problem = await Import(TestHttp.Json(json), HttpStatusCode.BadRequest);

        Assert.Equal((row, field, message), Assert.Single(RowErrors(problem)));
        Assert.Equal(0, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenMediaTypeUnsupported_Returns415()
    {
        var content = new StringContent("<units/>", Encoding.UTF8, "application/xml");

        var problem = await Import(content, HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("media type", (string?)problem["detail"]);
    }

    [Fact]
    public async Task ImportUnits_WhenBodyHasNoMediaType_Returns415FromTheUseCase()
    {
        // No Content-Type passes routing's media-type check; the use case's reader refuses it.
        var response = await Client.PostAsync(ImportUrl, content: null);

        var problem = await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("The body has no media type; send one of: application/json, text/csv.", (string?)problem["detail"]);
        Assert.Equal(0, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_WhenMultipartHasNoFilePart_Returns400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("code,name,kind\nA,B,Other\n"), "file" } };

        var problem = await Import(form, HttpStatusCode.BadRequest);

        Assert.Contains("no file part", (string?)problem["detail"]);
        Assert.Equal(0, await UnitCount());
    }

    [Fact]
    public async Task ImportUnits_When10000Rows_LoadsInOneRequestAndReloadsUnchanged()
    {
        var csv = BuildCsv(10_000, nameSuffix: "");

        var created = await Import(TestHttp.Csv(csv));
        AssertCounts(created, created: 10_000, updated: 0, unchanged: 0);
        Assert.Equal(10_000, await UnitCount());
        Assert.Equal(9_900, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE parent_id IS NOT NULL"));

        var again = await Import(TestHttp.Csv(csv));
        AssertCounts(again, created: 0, updated: 0, unchanged: 10_000);

        var changed = await Import(TestHttp.Csv(BuildCsv(10_000, nameSuffix: " (đổi)", every: 10)));
        AssertCounts(changed, created: 0, updated: 1_000, unchanged: 9_000);
    }

    [Fact]
    public async Task ImportUnits_WhenOverlappingFilesConcurrently_AllSucceedWithoutDuplicates()
    {
        // Four files sharing half their codes, sent at once: imports serialise, none deadlocks, no code is doubled.
        var files = Enumerable.Range(0, 4).Select(f =>
        {
            var sb = new StringBuilder("code,name,kind,parentCode\n");
            for (var i = f * 500; i < f * 500 + 1000; i++) sb.Append(CultureInfo.InvariantCulture, $"U{i:D5},Đơn vị {i},Commune,{(i % 100 == 0 ? "" : $"U{i - i % 100:D5}")}\n");
            return sb.ToString();
        }).ToArray();

        var responses = await Task.WhenAll(files.Select(f => Client.PostAsync(ImportUrl, TestHttp.Csv(f))));

        foreach (var response in responses) await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(2_500, await UnitCount());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM (SELECT lower(code) FROM units GROUP BY 1 HAVING count(*) > 1) d"));
        var total = 0;
        foreach (var response in responses) total += (int)(await response.ExpectJson(HttpStatusCode.OK))["created"]!;
        Assert.Equal(2_500, total);
    }

    private static string BuildCsv(int rows, string nameSuffix, int every = 1)
    {
        var sb = new StringBuilder("code,name,kind,parentCode,aliases\n");
        for (var i = 0; i < rows; i++)
        {
            var parent = i % 100 == 0 ? "" : $"U{i - i % 100:D5}";
            var suffix = i % every == 0 ? nameSuffix : "";
            sb.Append(CultureInfo.InvariantCulture, $"U{i:D5},Xã số {i}{suffix},Commune,{parent},Xa so {i}|X{i}\n");
        }
        return sb.ToString();
    }
}

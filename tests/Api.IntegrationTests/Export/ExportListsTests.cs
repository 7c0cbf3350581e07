using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Export;

/// <summary>The work list and the unit list as CSV and Excel, with the JSON list's filters, scope and ETag.</summary>
public sealed class ExportListsTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 6, 25);

    [Fact]
    public async Task ListObligations_AsCsvAndXlsx_ListEveryObligationOfTheUnit_AsTheJsonListDoes()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var json = await Client.Obligations("unitCode=p-dapcau&pageSize=200");

        var lines = await (await Client.GetFile($"{ObligationsApi.Url}?unitCode=p-dapcau&format=csv&pageSize=2")).ExpectCsv("nghia-vu.csv");
        var rows = await (await Client.GetFile($"{ObligationsApi.Url}?unitCode=p-dapcau", accept: ExportFiles.Xlsx)).ExpectXlsx("nghia-vu.xlsx");

        Assert.Equal(15, (int)json["totalCount"]!);
        Assert.Equal(16, lines.Length);
        Assert.StartsWith("Năm,Nhóm,STT,Nội dung nhiệm vụ,Mã đơn vị,Tên đơn vị,Vai trò,Trạng thái,Tiến độ so với hạn,Hạn hoàn thành,", lines[0]);
        var ids = json["items"]!.AsArray().Select(o => (string)o!["id"]!).ToList();
        Assert.Equal(ids, lines[1..].Select(l => l[(l.LastIndexOf(',') + 1)..]));
        Assert.Equal(ids, rows.Skip(1).Select(r => r[^1].Text));
        var first = json["items"]![0]!;
        Assert.Equal((string)first["taskContent"]!, rows[1][3].Text);
        Assert.Equal(("P-DAPCAU", "text"), (rows[1][4].Text, rows[1][4].Kind));
        Assert.Equal(("2026", "number"), (rows[1][0].Text, rows[1][0].Kind));
        // The file says in Vietnamese what the JSON names: role, status, group.
        var roles = new Dictionary<string, string> { ["Lead"] = "Chủ trì", ["Coordinator"] = "Phối hợp" };
        Assert.Equal((roles[(string)first["role"]!], "Chưa thực hiện", "Quý I"), (rows[1][6].Text, rows[1][7].Text, rows[1][1].Text));
        Assert.Equal(("NotStarted", "Q1"), ((string)first["status"]!, (string)first["group"]!));
    }

    [Fact]
    public async Task ListObligations_AsAFile_FollowsTheFiltersAndTheETag()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var leads = await Client.Obligations("unitCode=P-DAPCAU&role=Lead&pageSize=200");

        var response = await Client.GetFile($"{ObligationsApi.Url}?unitCode=P-DAPCAU&role=Lead&format=csv");
        var lines = await response.ExpectCsv("nghia-vu.csv");

        Assert.Equal((int)leads["totalCount"]! + 1, lines.Length);
        Assert.All(lines[1..], l => Assert.Contains(",Chủ trì,", l));
        var again = await Client.GetFile($"{ObligationsApi.Url}?unitCode=P-DAPCAU&role=Lead&format=csv", ifNoneMatch: response.ETag());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task ListObligations_AsAFile_ForAUnitClient_OnlyItsOwnUnit()
    {
        await Client.IssuedSeedPlanWithLocalities();
        using var ward = Factory.ClientWithKey(await Client.CreateKey("Unit", "P-DAPCAU"));

        var other = await (await ward.GetAsync($"{ObligationsApi.Url}?unitCode=P-KINHBAC&format=xlsx")).ExpectProblem(HttpStatusCode.Forbidden);
        var missing = await (await ward.GetAsync($"{ObligationsApi.Url}?format=csv")).ExpectProblem(HttpStatusCode.BadRequest);
        var own = await (await ward.GetAsync($"{ObligationsApi.Url}?unitCode=P-DAPCAU&format=csv")).ExpectCsv("nghia-vu.csv");

        Assert.Contains("P-KINHBAC", (string?)other["detail"]);
        Assert.NotNull(missing["errors"]!["unitCode"]);
        Assert.Equal(16, own.Length);
    }

    [Fact]
    public async Task ListUnits_AsCsvAndXlsx_ListEveryMatchingUnit_InTheListsSort()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("P-DAPCAU", "Phường Đáp Cầu", kind: "Ward");
        await Client.CreateUnit("STC", "Sở Tài chính");

        var csv = await (await Client.GetFile("/api/v1/units?kind=Department&sort=-code&pageSize=1", accept: "text/csv")).ExpectCsv("don-vi.csv");
        var rows = await (await Client.GetFile("/api/v1/units?format=xlsx")).ExpectXlsx("don-vi.xlsx");

        Assert.Equal("Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Mã đơn vị cấp trên,Mã liên thông văn bản,Tên gọi khác,Đang hoạt động,Mã đơn vị kế thừa,Ngày sáp nhập,Cập nhật lúc", csv[0]);
        Assert.Equal(["STC", "SNV"], csv[1..].Select(l => l.Split(',')[0]));
        Assert.StartsWith("STC,Sở Tài chính,,\"Sở, ban, ngành\",,,,true,,,", csv[1]);
        // Sorted by name, as the JSON list.
        Assert.Equal(["Phường Đáp Cầu", "Sở Nội vụ", "Sở Tài chính"], rows.Skip(1).Select(r => r[1].Text));
        Assert.Equal(("1", "bool"), (rows[1][7].Text, rows[1][7].Kind));
    }

    [Theory]
    [InlineData("nominations", "NomineeCategory", "bao-cao-de-nghi-khen-thuong-nomineecategory.xlsx")]
    [InlineData("nominations", "ProposingUnit", "bao-cao-de-nghi-khen-thuong-proposingunit.xlsx")]
    [InlineData("awards", "ProposingUnit", "bao-cao-khen-thuong-proposingunit.xlsx")]
    public async Task Reports_AsXlsx_WhenTheFileNameIsLongerThanASheetName_StillAnswerTheWorkbook(string report, string groupBy, string fileName)
    {
        // Excel caps a worksheet's name at 31 characters; the file's name is longer (found by the fuzz stage: a 500 mid-answer).
        var rows = await (await Client.GetFile($"/api/v1/commendation/reports/{report}?groupBy={groupBy}&format=xlsx")).ExpectXlsx(fileName);

        Assert.Equal("Nhóm", rows[0][0].Text);
        Assert.Equal("Total", rows[^1][0].Text);
    }

    [Fact]
    public async Task ListUnits_AsAFile_WhenTheSortIsWrong_Returns400()
    {
        var problem = await (await Client.GetAsync("/api/v1/units?format=csv&sort=size")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["sort"]);
    }
}

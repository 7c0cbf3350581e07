using System.Globalization;
using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Export;

/// <summary>The task feed as CSV and Excel: every matching task, the feed's filters and sort, Vietnamese headings.</summary>
public sealed class ExportTasksTests(ApiFactory factory) : ApiTest(factory)
{
    private const string CsvHeadings = "Năm,Nhóm,STT,Nội dung nhiệm vụ,Thời gian thực hiện,Hạn hoàn thành,Đơn vị chủ trì,Đơn vị phối hợp,Trạng thái,Tiến độ so với hạn,Ngày hoàn thành,Ngày báo cáo gần nhất,Số báo cáo,Cập nhật lúc,Mã nhiệm vụ";

    private string _planId = "";

    /// <summary>A 2025 plan: Q1/1 due in June, Q2/1 on 19 May (its content starts with "-" and holds a comma and quotes).</summary>
    private async Task Arrange()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        _planId = (string)(await Client.CreatePlan(2025, "Kế hoạch năm 2025"))["id"]!;
        await Client.CreateTask(_planId, "Q1", 1, "Việc của quý I làm vào tháng sáu", Month(6), [Unit("SNV")]);
        await Client.CreateTask(_planId, "Q2", 1, "- Tổng kết, khen thưởng \"điển hình\"", OnDate("2025-05-19"), [Unit("STC")]);
    }

    [Theory]
    [InlineData("?format=csv", null)]
    [InlineData("?format=csv", "application/json")]
    [InlineData("", "text/csv")]
    [InlineData("", "application/json;q=0.5, text/csv")]
    public async Task ListTasks_AsCsv_HasTheBomTheHeadingsAndEveryMatchingTask(string query, string? accept)
    {
        await Arrange();

        var lines = await (await Client.GetFile("/api/v1/tasks" + query, accept)).ExpectCsv("nhiem-vu.csv");

        var json = await Client.Feed();
        Assert.Equal((int)json["totalCount"]! + 1, lines.Length);
        Assert.Equal(CsvHeadings, lines[0]);
        var first = (string)json["items"]![0]!["id"]!;
        Assert.StartsWith("2025,Quý I,1,Việc của quý I làm vào tháng sáu,", lines[1]);
        Assert.Contains(",2025-06-30,", lines[1]);
        // Enum cells in Vietnamese (JSON keeps the names): NotStarted, and the timeliness on the server's today.
        Assert.Contains(",Chưa thực hiện,", lines[1]);
        Assert.EndsWith("," + first, lines[1]);
        // RFC 4180: the comma and the quotes put the field in quotes; the leading "-" gets an apostrophe (no formula).
        Assert.StartsWith("2025,Quý II,1,\"'- Tổng kết, khen thưởng \"\"điển hình\"\"\",", lines[2]);
    }

    [Fact]
    public async Task ListTasks_AsXlsx_TypesTheCellsAndKeepsTheVietnamese()
    {
        await Arrange();

        var rows = await (await Client.GetFile("/api/v1/tasks?format=xlsx")).ExpectXlsx("nhiem-vu.xlsx");

        Assert.Equal(3, rows.Count);
        Assert.Equal(CsvHeadings.Split(','), rows[0].Select(c => c.Text));
        var task = rows[1];
        Assert.Equal(new XlsxCell("2025", "number", null), task[0]);
        Assert.Equal(new XlsxCell("Quý I", "text", null), task[1]);
        Assert.Equal(new XlsxCell("Chưa thực hiện", "text", null), task[8]);
        Assert.Equal(new XlsxCell("1", "number", null), task[2]);
        Assert.Equal(new XlsxCell("Việc của quý I làm vào tháng sáu", "text", null), task[3]);
        // 30 June 2025 as a date: its serial number, shown day/month/year.
        Assert.Equal(new XlsxCell(new DateTime(2025, 6, 30).ToOADate().ToString(CultureInfo.InvariantCulture), "number", "dd/mm/yyyy"), task[5]);
        Assert.Equal("number", task[13].Kind);
        Assert.Equal("dd/mm/yyyy hh:mm:ss", task[13].Format);
        Assert.Equal("- Tổng kết, khen thưởng \"điển hình\"", rows[2][3].Text);
        // The Excel sheet lists what the CSV and the JSON list do, in the same order.
        Assert.Equal((await Client.Feed())["items"]!.AsArray().Select(t => (string)t!["id"]!), rows.Skip(1).Select(r => r[14].Text));
    }

    [Theory]
    [InlineData("format=xlsx&year=2025&group=Q2", 1)]
    [InlineData("format=xlsx&year=2024", 0)]
    [InlineData("format=xlsx&unitCode=snv", 1)]
    [InlineData("format=xlsx&q=tong%20ket", 1)]
    [InlineData("format=xlsx&page=2&pageSize=1", 2)]
    public async Task ListTasks_AsAFile_FollowsTheFeedsFiltersAndIgnoresPaging(string query, int count)
    {
        await Arrange();

        var rows = await (await Client.GetFile("/api/v1/tasks?" + query)).ExpectXlsx("nhiem-vu.xlsx");

        Assert.Equal(count + 1, rows.Count);
        var json = await Client.Feed(query.Replace("format=xlsx", "pageSize=200", StringComparison.Ordinal).Replace("&page=2&pageSize=1", "", StringComparison.Ordinal));
        Assert.Equal((int)json["totalCount"]!, rows.Count - 1);
        Assert.Equal(json["items"]!.AsArray().Select(t => (string)t!["id"]!), rows.Skip(1).Select(r => r[14].Text));
    }

    [Fact]
    public async Task ListTasks_AsAFile_SortsAsTheFeed()
    {
        await Arrange();

        var lines = await (await Client.GetFile("/api/v1/tasks?format=csv&sort=deadline")).ExpectCsv("nhiem-vu.csv");

        Assert.Equal((await Client.Feed("sort=deadline"))["items"]!.AsArray().Select(t => (string)t!["id"]!), lines[1..].Select(l => l[(l.LastIndexOf(',') + 1)..]));
        Assert.Contains("2025-05-19", lines[1]);
    }

    [Fact]
    public async Task ListTasks_AsAFile_HasItsOwnETag_AndAnswers304UntilATaskChanges()
    {
        await Arrange();
        var csv = await Client.GetFile("/api/v1/tasks?format=csv");
        var etag = csv.ETag();
        var json = (await Client.GetAsync("/api/v1/tasks")).ETag();
        var xlsx = (await Client.GetFile("/api/v1/tasks?format=xlsx")).ETag();
        Assert.Equal(3, new[] { etag, json, xlsx }.Distinct().Count());

        var again = await Client.GetFile("/api/v1/tasks?format=csv", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // page and pageSize do not change the file, so neither its ETag.
        Assert.Equal(HttpStatusCode.NotModified, (await Client.GetFile("/api/v1/tasks?format=csv&pageSize=5", ifNoneMatch: etag)).StatusCode);

        await Client.CreateTask(_planId, "Q3", 1, "Việc mới", Month(9), [Unit("SNV")]);
        var changed = await Client.GetFile("/api/v1/tasks?format=csv", ifNoneMatch: etag);
        Assert.Equal(4, (await changed.ExpectCsv("nhiem-vu.csv")).Length);
        Assert.NotEqual(etag, changed.ETag());
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("format=CSV", "format")]
    [InlineData("format=csv&quarter=5", "quarter")]
    [InlineData("format=xlsx&sort=content", "sort")]
    public async Task ListTasks_WhenTheFormatOrAFilterIsWrong_Returns400NamingIt(string query, string field)
    {
        var problem = await (await Client.GetAsync("/api/v1/tasks?" + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]![field] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task ListTasks_WhenAcceptNamesNoKnownFormOrFormatIsEmpty_AnswersJson()
    {
        await Arrange();

        var response = await Client.GetFile("/api/v1/tasks", accept: "text/html");
        var empty = await Client.GetAsync("/api/v1/tasks?format=");

        Assert.Equal(2, (int)(await response.ExpectJson(HttpStatusCode.OK))["totalCount"]!);
        Assert.Equal(2, (int)(await empty.ExpectJson(HttpStatusCode.OK))["totalCount"]!);
    }

    [Fact]
    public async Task ListTasks_AsAFile_WhenNothingMatches_HasOnlyTheHeadings()
    {
        var lines = await (await Client.GetFile("/api/v1/tasks?format=csv")).ExpectCsv("nhiem-vu.csv");

        Assert.Equal([CsvHeadings], lines);
    }
}

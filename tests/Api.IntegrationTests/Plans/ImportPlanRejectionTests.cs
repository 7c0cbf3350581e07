using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>Texts the plan import must refuse as a whole: a clear problem, and nothing written.</summary>
public sealed class ImportPlanRejectionTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task AssertNothingWritten()
    {
        Assert.Equal(0L, await Factory.Count("plans"));
        Assert.Equal(0L, await Factory.Count("tasks"));
        Assert.Equal(0L, await Factory.Count("task_assignees"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity <> 'Unit'"));
    }

    private static List<(int Row, string Field)> RowErrors(JsonNode problem) =>
        problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!)).ToList();

    /// <summary>The seed text with one line replaced; <paramref name="line"/> is 1-based.</summary>
    private static string WithLine(int line, string replacement)
    {
        var lines = PlansApi.SeedPlanText.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task ImportPlan_WhenATaskRowLacksItsTimeColumn_Returns400WithTheLineAndWritesNothing()
    {
        await Client.LoadSeedUnits();
        // Line 116: "4<TAB>Kiểm tra công tác …<TAB>Hội đồng TĐKT tỉnh.<TAB>Sở Nội vụ.<TAB>Tháng 9" without its last cell.
        var text = WithLine(116, "4\tKiểm tra công tác thi đua, khen thưởng tại một số cơ quan, địa phương, đơn vị theo Kế hoạch.\tHội đồng TĐKT tỉnh.\tSở Nội vụ.");

        var problem = await (await Client.ImportPlanText(text)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([(116, "timing")], RowErrors(problem));
        Assert.Equal(1, (int)problem["errorCount"]!);
        Assert.Contains("nothing was written", (string?)problem["title"]);
        await AssertNothingWritten();
    }

    [Fact]
    public async Task ImportPlan_WhenASectionRowIsUnknown_Returns400WithItsLineAndWritesNothing()
    {
        // Line 112: "Quý III" becomes a section no plan has.
        var text = WithLine(112, "Phần bổ sung\t\t\t\t");

        var problem = await (await Client.ImportPlanText(text)).ExpectProblem(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem["rowErrors"]!.AsArray());
        Assert.Equal(112, (int)error!["row"]!);
        Assert.Equal("line", (string?)error["field"]);
        Assert.Contains("Phần bổ sung", (string?)error["message"]);
        await AssertNothingWritten();
    }

    [Fact]
    public async Task ImportPlan_WhenANumberIsRepeatedInASection_Returns400()
    {
        var text = WithLine(109, "1\tBáo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026.\tSở Nội vụ.\tVăn phòng UBND tỉnh.\tTháng 6");

        var problem = await (await Client.ImportPlanText(text)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal([(109, "sequence")], RowErrors(problem));
        await AssertNothingWritten();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n ")]
    public async Task ImportPlan_WhenTheTextIsEmpty_Returns400AndWritesNothing(string text)
    {
        var problem = await (await Client.ImportPlanText(text)).ExpectProblem(HttpStatusCode.BadRequest);

        var messages = (problem["errors"]?.AsObject().SelectMany(e => e.Value!.AsArray()) ?? problem["rowErrors"]!.AsArray().Select(e => e!["message"]))
            .Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains("empty", StringComparison.OrdinalIgnoreCase));
        await AssertNothingWritten();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv")]
    [InlineData("application/octet-stream")]
    public async Task ImportPlan_WhenTheBodyIsNotTextPlain_Returns415AndWritesNothing(string mediaType)
    {
        await Client.LoadSeedUnits();

        var problem = await (await Client.ImportPlanText(PlansApi.SeedPlanText, mediaType)).ExpectProblem(HttpStatusCode.UnsupportedMediaType);

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        await AssertNothingWritten();
    }

    [Fact]
    public async Task ImportPlan_WhenTheTextArrivesWithCrLfAndABom_ReadsTheSamePlan()
    {
        await Client.LoadSeedUnits();
        var text = "\uFEFF" + PlansApi.SeedPlanText.Replace("\n", "\r\n", StringComparison.Ordinal);

        var answer = await (await Client.ImportPlanText(text)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(29, (int)answer["tasksCreated"]!);
        Assert.Equal(PlansApi.SeedTitle, (string?)answer["title"]);
        Assert.Empty(answer["unresolved"]!.AsArray());
        // The same plan in the other line-end form is recognised as unchanged.
        var again = await (await Client.ImportPlanText(PlansApi.SeedPlanText)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(29, (int)again["tasksUnchanged"]!);
    }
}

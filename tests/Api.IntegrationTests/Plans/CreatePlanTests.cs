using System.Net;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

public sealed class CreatePlanTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CreatePlan_WhenValid_Returns201AsDraftWithLocationETagAndEveryField()
    {
        var response = await Client.PostJson(PlansApi.Url, new
        {
            year = 2026,
            title = "  Công tác thi đua,   khen thưởng năm 2026 ".Normalize(NormalizationForm.FormD),
            issuingBody = "UBND tỉnh Bắc Ninh",
            place = "Bắc Ninh",
            signerName = "Phạm Hoàng Sơn",
            signerTitle = "Chủ tịch",
            legalBases = new[] { "Căn cứ Luật Thi đua, khen thưởng năm 2022", "Căn cứ Nghị định số 152/2025/NĐ-CP" },
            purpose = "Tăng cường vai trò lãnh đạo",
            requirements = "Thiết thực, hiệu quả",
            sections = new[] { new { heading = "I. MỤC ĐÍCH, YÊU CẦU", body = "1. Mục đích" } },
            recipients = new[] { "UBND các xã, phường", "Lưu: VT" },
        });

        var body = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/plans/{body["id"]}", response.Headers.Location?.OriginalString);
        Assert.StartsWith($"\"{body["version"]}-", response.ETag());
        Assert.Equal("Draft", (string?)body["status"]);
        Assert.Equal(2026, (int)body["year"]!);
        Assert.Equal("Công tác thi đua, khen thưởng năm 2026", (string?)body["title"]);
        Assert.Null(body["number"]);
        Assert.Null(body["issueDate"]);
        Assert.Equal("UBND tỉnh Bắc Ninh", (string?)body["issuingBody"]);
        Assert.Equal("Bắc Ninh", (string?)body["place"]);
        Assert.Equal("Phạm Hoàng Sơn", (string?)body["signerName"]);
        Assert.Equal("Chủ tịch", (string?)body["signerTitle"]);
        Assert.Equal(["Căn cứ Luật Thi đua, khen thưởng năm 2022", "Căn cứ Nghị định số 152/2025/NĐ-CP"],
            body["legalBases"]!.AsArray().Select(b => (string?)b));
        Assert.Equal("I. MỤC ĐÍCH, YÊU CẦU", (string?)body["sections"]![0]!["heading"]);
        Assert.Equal("1. Mục đích", (string?)body["sections"]![0]!["body"]);
        Assert.Equal(["UBND các xã, phường", "Lưu: VT"], body["recipients"]!.AsArray().Select(b => (string?)b));
        Assert.Equal(0, (int)body["taskCount"]!);

        var reread = await Client.GetPlan(body["id"]!);
        Assert.Equal(body.ToJsonString(), reread.ToJsonString());
        Assert.Equal("Công tác thi đua, khen thưởng năm 2026", await Factory.ScalarAsync<string>("select title from plans"));
    }

    [Fact]
    public async Task CreatePlan_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndWritesNothing()
    {
        var problem = await (await Client.PostJson(PlansApi.Url, new
        {
            year = 1999,
            title = "   ",
            number = new string('1', 51),
            sections = new[] { new { heading = " ", body = "x" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("year", errors);
        Assert.Contains("title", errors);
        Assert.Contains("number", errors);
        Assert.Contains(errors, e => e.StartsWith("sections", StringComparison.Ordinal));
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    // The document marks a section's body as required and not nullable (found by the fuzz stage: both were stored as "").
    [Theory]
    [InlineData("""{"year":2026,"title":"Kế hoạch A","sections":[{"heading":"I. MỤC ĐÍCH"}]}""")]
    [InlineData("""{"year":2026,"title":"Kế hoạch A","sections":[{"heading":"I. MỤC ĐÍCH","body":null}]}""")]
    public async Task CreatePlan_WhenASectionHasNoBody_Returns400NamingItAndWritesNothing(string json)
    {
        var problem = await (await Client.PostAsync(PlansApi.Url, new StringContent(json, Encoding.UTF8, "application/json")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["Each section needs a body; send \"\" for an empty one."], problem["errors"]!["sections[0].body"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(0L, await Factory.Count("plans"));
    }

    [Fact]
    public async Task CreatePlan_WhenYearAndTitleAlreadyExist_Returns409AndKeepsOnePlan()
    {
        await Client.CreatePlan(2026, "Kế hoạch thi đua năm 2026");

        var problem = await (await Client.PostJson(PlansApi.Url, new { year = 2026, title = "Kế hoạch thi đua năm 2026" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(1L, await Factory.Count("plans"));
        // The same title in another year is another plan.
        await Client.CreatePlan(2027, "Kế hoạch thi đua năm 2026");
        Assert.Equal(2L, await Factory.Count("plans"));
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Commendation;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Security;
using EmulationApi.Api.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Issue 14, "Answers in Vietnamese": titles, details and messages follow Accept-Language (vi or en, quality values
/// honoured); a request naming neither gets the server's default, Vietnamese unless configured (the suite's server is
/// configured to English, see <see cref="ApiFactory"/>). Field names, <c>type</c> URIs and enum names stay English.
/// </summary>
public sealed class LanguageTests(ApiFactory factory) : ApiTest(factory)
{
    private const string EmptyName = """{"code":"SNV","name":"","kind":"Department"}""";

    /// <summary>A server of its own with the production default: an empty <c>Localization:DefaultLanguage</c>.</summary>
    private WebApplicationFactory<Program> WithProductionDefault() =>
        Factory.WithWebHostBuilder(b => b.UseSetting(LanguageSetup.DefaultLanguageKey, ""));

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string? body, string? acceptLanguage, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : TestHttp.Json(body) };
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static string? Error(JsonNode problem, string field) => (string?)problem["errors"]![field]![0];

    private static void AssertInLanguage(HttpResponseMessage response, string language)
    {
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Theory]
    [InlineData("vi", "vi")]
    [InlineData("vi-VN", "vi")]
    [InlineData("en-US", "en")]
    [InlineData("en", "en")]
    [InlineData("fr", "en")]
    [InlineData("en;q=0.5, vi", "vi")]
    [InlineData("vi;q=0.4, en;q=0.8", "en")]
    [InlineData(null, "en")]
    public async Task ValidationError_FluentValidationBuiltIn_FollowsAcceptLanguage(string? acceptLanguage, string language)
    {
        var response = await Send(Client, HttpMethod.Post, "/api/v1/units", EmptyName, acceptLanguage);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(language == "vi" ? "'name' không được rỗng." : "'name' must not be empty.", Error(problem, "name"));
        Assert.Equal(language == "vi" ? "Yêu cầu không hợp lệ." : "The request is not valid.", (string?)problem["title"]);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", (string?)problem["type"]);
        Assert.True(Error(problem, "name")!.IsNormalized(NormalizationForm.FormC));
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("")]
    public async Task ValidationError_WithoutASupportedLanguageOnTheProductionDefault_IsInVietnamese(string? acceptLanguage)
    {
        using var server = WithProductionDefault();
        using var client = server.CreateClient();

        var response = await Send(client, HttpMethod.Post, "/api/v1/units", EmptyName, acceptLanguage);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("'name' không được rỗng.", Error(problem, "name"));
        Assert.Equal("Xem 'errors' để biết các trường cần sửa.", (string?)problem["detail"]);
        AssertInLanguage(response, "vi");
    }

    [Fact]
    public async Task SuccessfulAnswer_SaysItsLanguage()
    {
        var response = await Send(Client, HttpMethod.Get, "/api/v1/units", null, "vi-VN,vi;q=0.9");

        await response.ExpectJson(HttpStatusCode.OK);
        AssertInLanguage(response, "vi");
    }

    [Theory]
    [InlineData("vi", "Không tìm thấy kế hoạch.", "Không tìm thấy kế hoạch '{0}'.")]
    [InlineData("en", "Plan not found.", "Plan '{0}' was not found.")]
    public async Task NotFound_NamesTheResourceInTheRequestedLanguage(string language, string title, string detail)
    {
        var id = Guid.NewGuid();

        var response = await Send(Client, HttpMethod.Get, $"{PlansApi.Url}/{id}", null, language);

        var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, id), (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("GET", "/api/v1/commendation/awards/NO-SUCH-AWARD", null, "danh hiệu, hình thức khen thưởng", "NO-SUCH-AWARD")]
    [InlineData("GET", "/api/v1/commendation/council-sessions/{0}", null, "phiên họp Hội đồng", "{0}")]
    [InlineData("DELETE", "/api/v1/commendation/rules/{0}", null, "quy tắc xét điều kiện khen thưởng", "{0}")]
    [InlineData("PUT", "/api/v1/commendation/base-salaries/{0}", """{"effectiveFrom":"2024-07-01","amount":2340000,"legalBasis":"x"}""", "mức lương cơ sở", "{0}")]
    public async Task NotFound_InVietnamese_NamesEveryResourceInVietnamese(string method, string url, string? body, string noun, string key)
    {
        var id = Guid.NewGuid().ToString();

        var response = await Send(Client, new HttpMethod(method), url.Replace("{0}", id, StringComparison.Ordinal), body, "vi");

        var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal($"Không tìm thấy {noun}.", (string?)problem["title"]);
        Assert.Equal($"Không tìm thấy {noun} '{key.Replace("{0}", id, StringComparison.Ordinal)}'.", (string?)problem["detail"]);
    }

    [Fact]
    public async Task StaleIfMatch_OnACatalogEntry_InVietnamese_NamesItInVietnamese()
    {
        var award = await Client.CreateAward("LANG-412");
        var url = $"{CommendationApi.AwardsUrl}/LANG-412";
        await (await Client.Send(HttpMethod.Put, url, CommendationApi.AwardBody("LANG-412", "Tên mới"), award.ETag())).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Put, url, System.Text.Json.JsonSerializer.Serialize(CommendationApi.AwardBody("LANG-412", "Tên khác")), "vi", award.ETag());

        var problem = await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.StartsWith("Dữ liệu danh hiệu, hình thức khen thưởng đã thay đổi kể từ phiên bản ", (string?)problem["detail"]);
    }

    [Fact]
    public async Task CommendationRefusals_InVietnamese_HaveNoEnglishWordAndIsoDates()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var submitted = await Client.Reach(await Client.CreateDossier("SO-A"), "Submitted");
        await Client.CreateSalary("2024-07-01", 2_340_000);
        await Client.CreateAward("LANG-AMT", rewardCoefficient: 1m);

        var delete = await (await Send(Client, HttpMethod.Delete, $"{DossiersApi.Url}/{submitted.Id()}", null, "vi")).ExpectProblem(HttpStatusCode.Conflict);
        var amount = await (await Send(Client, HttpMethod.Get, $"{CommendationApi.AwardsUrl}/LANG-AMT/amount?on=2023-06-30", null, "vi")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("Không thể xóa hồ sơ đang ở trạng thái Submitted; chỉ được xóa hồ sơ dự thảo (Draft).", (string?)delete["detail"]);
        Assert.StartsWith("Chưa có mức lương cơ sở áp dụng vào ngày 2023-06-30:", (string?)amount["detail"]);
    }

    [Theory]
    [InlineData("vi", "Bắt buộc phải có giá trị.")]
    [InlineData("en", "A value is required.")]
    public async Task RequiredTextInTheQuery_WhenMissing_Returns400OnItsField(string language, string message)
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var dossier = await Client.CreateDossier("SO-A");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dossiers/{dossier.Id()}/attachments")
        {
            Content = new ByteArrayContent(Attachments.AttachmentsApi.File(Attachments.AttachmentsApi.PdfHead, 1_000)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        var problem = await (await Client.SendAsync(request)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["fileName"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(message, Error(problem, "fileName"));
        Assert.Equal(message, (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM attachments"));
    }

    [Fact]
    public async Task PlanText_WithADateOutsideTheRange_InVietnamese_SaysTheRangeInVietnamese()
    {
        await Client.LoadSeedUnits();
        var text = PlansApi.SeedPlanText.Replace("\r\n", "\n", StringComparison.Ordinal);
        const string original = "Văn phòng UBND tỉnh\tTháng 3\n";
        var at = text.IndexOf(original, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans/import")
        {
            Content = PlansApi.PlainText(text[..at] + "Văn phòng UBND tỉnh\t31/12/9999\n" + text[(at + original.Length)..]),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");

        var problem = await (await Client.SendAsync(request)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("31/12/9999 không nằm trong khoảng từ 2000-01-01 đến 2100-12-31.", problem.ToJsonString(
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.DoesNotContain(" and ", (string?)problem["rowErrors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data", "--abc\r\n\r\n", 400, "Nội dung multipart không có ranh giới (boundary).")]
    [InlineData("text/xml", "<x/>", 415, "Thao tác này không chấp nhận kiểu dữ liệu (media type) của nội dung; tài liệu OpenAPI liệt kê các kiểu được chấp nhận.")]
    public async Task UnreadableBodies_InVietnamese_SayWhyInVietnamese(string contentType, string body, int status, string detail)
    {
        var url = contentType == "text/xml" ? "/api/v1/units" : "/api/v1/units/import";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");

        var problem = await (await Client.SendAsync(request)).ExpectProblem((HttpStatusCode)status);

        Assert.Equal(detail, (string?)problem["detail"]);
    }

    [Fact]
    public async Task UnknownRoute_InVietnamese_HasAVietnameseTitleAndDetail()
    {
        var response = await Send(Client, HttpMethod.Get, "/api/v1/nothing-here", null, "vi");

        var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal("Không tìm thấy.", (string?)problem["title"]);
        Assert.Equal("Không có tài nguyên nào tại địa chỉ này; tài liệu OpenAPI tại /swagger/v1/swagger.json liệt kê các thao tác.", (string?)problem["detail"]);
        AssertInLanguage(response, "vi");
    }

    [Fact]
    public async Task Unauthorized_InVietnamese_SaysHowToAuthenticate()
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");

        var response = await Send(client, HttpMethod.Get, "/api/v1/units", null, "vi");

        var problem = await response.ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("Chưa xác thực.", (string?)problem["title"]);
        Assert.Equal("Hãy gửi khóa API trong tiêu đề X-Api-Key hoặc mã thông báo bearer trong tiêu đề Authorization.", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("vi", "Dữ liệu đã bị thay đổi.", @"^Dữ liệu kế hoạch đã thay đổi kể từ phiên bản \d+ hoặc \d+; phiên bản hiện tại là \d+\. Hãy đọc lại rồi thử lại với ETag hiện tại\.$")]
    [InlineData("en", "The resource has changed.", @"^The plan has changed since version \d+ or \d+; it is now at version \d+\. Read it again and retry with its current ETag\.$")]
    public async Task StaleIfMatch_Returns412InTheRequestedLanguage(string language, string title, string detail)
    {
        var plan = await Client.CreatePlan(2025, "Bản gốc");
        var url = $"{PlansApi.Url}/{plan["id"]}";
        var first = (await Client.GetAsync(url)).ETag();
        await (await Client.Send(HttpMethod.Put, url, new { year = 2025, title = "Bản 1" }, ifMatch: first)).ExpectJson(HttpStatusCode.OK);
        var second = (await Client.GetAsync(url)).ETag();
        await (await Client.Send(HttpMethod.Put, url, new { year = 2025, title = "Bản 2" }, ifMatch: second)).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Put, url, """{"year":2025,"title":"Bản 3"}""", language, ifMatch: $"{first}, {second}");

        var problem = await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Matches(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Fact]
    public async Task UnknownEnumName_InVietnamese_KeepsTheFieldAndTheNamesInEnglish()
    {
        var response = await Send(Client, HttpMethod.Post, "/api/v1/units", """{"code":"SNV","name":"Sở Nội vụ","kind":"Sở"}""", "vi");

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Không đọc được nội dung yêu cầu.", (string?)problem["title"]);
        Assert.StartsWith("'Sở' không thuộc các giá trị: ", Error(problem, "kind"));
        Assert.Contains("Department", Error(problem, "kind"), StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("vi", "Yêu cầu vi phạm quy tắc nghiệp vụ.", "Đã có đơn vị mang mã 'SNV'.")]
    [InlineData("en", "The request breaks a business rule.", "A unit with the code 'SNV' already exists.")]
    public async Task DuplicateCode_Returns409BusinessRuleInTheRequestedLanguage(string language, string title, string detail)
    {
        const string body = """{"code":"SNV","name":"Sở Nội vụ","kind":"Department"}""";
        await (await Send(Client, HttpMethod.Post, "/api/v1/units", body, null)).ExpectJson(HttpStatusCode.Created);

        var response = await Send(Client, HttpMethod.Post, "/api/v1/units", body, language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "'code' chỉ được chứa chữ cái, chữ số, '.', '-' và '_', bắt đầu bằng chữ cái hoặc chữ số.")]
    [InlineData("en", "'code' may hold only letters, digits, '.', '-' and '_', starting with a letter or digit.")]
    public async Task ValidationError_ProjectMessage_FollowsAcceptLanguage(string language, string message)
    {
        var response = await Send(Client, HttpMethod.Post, "/api/v1/units", """{"code":"bad code","name":"Sở Nội vụ","kind":"Department"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(message, Error(problem, "code"));
        AssertInLanguage(response, language);
    }

    [Fact]
    public async Task ImportRejected_InVietnamese_TellsRowErrorsInVietnameseWithEnglishFields()
    {
        const string csv = "code,name,kind\nA,Đơn vị A,Department\nC,,Department\nD,Đơn vị D,Ministry\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units/import") { Content = TestHttp.Csv(csv) };
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Tệp nhập bị từ chối; không có dữ liệu nào được ghi.", (string?)problem["title"]);
        Assert.Equal("Phát hiện 2 lỗi. Hãy sửa các dòng nêu trong 'rowErrors' rồi gửi lại toàn bộ tệp.", (string?)problem["detail"]);
        var rows = problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!, (string)e["message"]!)).ToArray();
        Assert.Equal(
            [
                (2, "name", "'name' không được rỗng."),
                (3, "kind", "'Ministry' không phải là loại đơn vị; hãy dùng một trong các giá trị: " + string.Join(", ", Enum.GetNames<Domain.Units.UnitKind>()) + "."),
            ],
            rows);
        AssertInLanguage(response, "vi");
    }

    [Fact]
    public async Task UnknownUnitCode_InVietnamese_NamesTheCodeInVietnamese()
    {
        var response = await Send(Client, HttpMethod.Post, "/api/v1/units", """{"code":"SNV","name":"Sở Nội vụ","kind":"Department","parentCode":"GHOST"}""", "vi");

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Không có đơn vị nào mang mã 'GHOST'.", Error(problem, "parentCode"));
    }

    private const string BusinessRuleVi = "Yêu cầu vi phạm quy tắc nghiệp vụ.";
    private const string BusinessRuleEn = "The request breaks a business rule.";

    private static string BusinessRule(string language) => language == "vi" ? BusinessRuleVi : BusinessRuleEn;

    [Theory]
    [InlineData("vi", "Giao ước thi đua đã được ký; các tiêu chí không thể thay đổi.")]
    [InlineData("en", "The covenant is signed; its criteria are fixed.")]
    public async Task ClusterRule_CriteriaOfASignedCovenant_Returns409InTheRequestedLanguage(string language, string detail)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant",
            """{"criteria":[{"name":"Nhiệm vụ chính trị","maxPoints":90,"kind":"Standard"}]}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Năm 2101 nằm ngoài khoảng 2000–2100.")]
    [InlineData("en", "Year 2101 is outside 2000–2100.")]
    public async Task YearOutOfRange_RotatingTheLastYearsCluster_Returns409InTheRequestedLanguage(string language, string detail)
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2100, "Cụm thi đua số 1", members: [("A", "Leader"), ("B", "Member")]);

        var response = await Send(Client, HttpMethod.Post, $"{ClustersApi.Url}/{cluster.Id()}/rotate", """{"newLeaderUnitCode":"B"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("vi",
        "Cùng tổng điểm (75) với A; xếp hạng theo điểm chuẩn (72), sau đó theo điểm trừ (2).",
        "Cùng tổng điểm (75) với B; xếp hạng theo điểm chuẩn (70), sau đó theo điểm trừ (0).",
        "B dẫn đầu với 75 điểm sau khi phân định thứ hạng; đề nghị tặng Cờ thi đua.")]
    [InlineData("en",
        "Same total (75) as A; placed by standard points (72), then penalty points (2).",
        "Same total (75) as B; placed by standard points (70), then penalty points (0).",
        "B leads with 75 points after the tie-breaks; it is proposed for the emulation flag (Cờ thi đua).")]
    public async Task Ranking_ExplainsTieBreaksAndTheFlagProposalInTheRequestedLanguage(string language, string first, string second, string proposal)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [
            ("A", 0, 70m), ("A", 1, 5m), ("A", 2, 0m), ("B", 0, 72m), ("B", 1, 5m), ("B", 2, 2m), ("C", 0, 60m), ("C", 1, 0m), ("C", 2, 0m),
        ])).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Get, $"{ClustersApi.Url}/{cluster.Id()}/ranking", null, language);

        var ranking = await response.ExpectJson(HttpStatusCode.OK);
        var rows = ranking["rows"]!.AsArray();
        Assert.Equal(["B", "A", "C"], rows.Select(r => (string?)r!["unit"]!["code"]));
        Assert.Equal([first, second, null], rows.Select(r => (string?)r!["explanation"]));
        Assert.Equal(proposal, (string?)ranking["flagProposal"]!["explanation"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Tạm dừng đề nghị: B (TC2, TC3) chưa có điểm ở các tiêu chí nêu trong ngoặc; việc đề nghị tặng Cờ thi đua chờ đến khi mọi đơn vị thành viên được chấm điểm đủ các tiêu chí.")]
    [InlineData("en", "Withheld: B (TC2, TC3) has no score on the criteria listed; the proposal for the emulation flag (Cờ thi đua) waits until every member is scored on every criterion.")]
    public async Task Ranking_WithheldProposal_NamesTheMissingScoresInTheRequestedLanguage(string language, string explanation)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        await (await Client.RecordScores(cluster.Id(), [("A", 0, 70m), ("A", 1, 5m), ("A", 2, 0m), ("B", 0, 60m)])).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Get, $"{ClustersApi.Url}/{cluster.Id()}/ranking", null, language);

        var flag = (await response.ExpectJson(HttpStatusCode.OK))["flagProposal"]!;
        Assert.True((bool)flag["withheld"]!);
        Assert.Equal(explanation, (string?)flag["explanation"]);
    }

    [Theory]
    [InlineData("vi", "Phong trào thi đua đang ở trạng thái Draft không thể chuyển sang FinalReviewed.")]
    [InlineData("en", "A movement that is Draft cannot move to FinalReviewed.")]
    public async Task MovementRule_FinalReviewOfADraft_Returns409InTheRequestedLanguageWithEnglishStatusNames(string language, string detail)
    {
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");

        var response = await Send(Client, HttpMethod.Post, $"{MovementsApi.Url}/{movement.Id()}/final-review",
            """{"date":"2026-06-30","documentReference":"Báo cáo số 5/BC-UBND","result":"Hoàn thành"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", @"^Bước \(Launched\) không thể ghi ngày trong tương lai \(2099-01-15 sau ngày \d{4}-\d{2}-\d{2}\)\.$")]
    [InlineData("en", @"^A step \(Launched\) cannot be dated in the future \(2099-01-15 is after \d{4}-\d{2}-\d{2}\)\.$")]
    public async Task MovementRule_LaunchDatedInTheFuture_Returns409InTheRequestedLanguage(string language, string detail)
    {
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");

        var response = await Send(Client, HttpMethod.Post, $"{MovementsApi.Url}/{movement.Id()}/launch", """{"date":"2099-01-15"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Matches(detail, (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("vi", "Có tiêu chí khác trùng tên.")]
    [InlineData("en", "Another criterion has the same name.")]
    public async Task ClusterValidator_RepeatedCriterionName_Returns400InTheRequestedLanguage(string language, string message)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");

        var response = await Send(Client, HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant",
            """{"criteria":[{"name":"Nhiệm vụ chính trị","maxPoints":80,"kind":"Standard"},{"name":"nhiệm vụ  chính trị","maxPoints":10,"kind":"Bonus"}]}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(message, Error(problem, "criteria[1].name"));
    }

    [Theory]
    [InlineData("vi", "Đơn vị đã được miễn thực hiện nhiệm vụ này.")]
    [InlineData("en", "The unit is already exempted from this task.")]
    public async Task ObligationRule_ExemptingTwice_Returns409InTheRequestedLanguage(string language, string detail)
    {
        await Client.SeedUnits();
        var taskId = await Client.IssuedTask("SNV");
        var id = (await Client.ObligationOf("SNV", taskId))["id"]!;
        await (await Client.Exempt(id)).ExpectJson(HttpStatusCode.OK);

        var response = await Send(Client, HttpMethod.Post, $"{ObligationsApi.Url}/{id}/exempt", """{"reason":"Đơn vị sáp nhập."}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Khóa API có vai trò Unit phải nêu 'unitCode'.")]
    [InlineData("en", "A Unit key needs 'unitCode'.")]
    public async Task ApiKeyValidator_UnitKeyWithoutUnit_Returns400InTheRequestedLanguage(string language, string message)
    {
        var response = await Send(Client, HttpMethod.Post, AccessApi.KeysUrl, """{"name":"Cổng thông tin xã","role":"Unit"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(message, Error(problem, "unitCode"));
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Kế hoạch đã ban hành; chỉ có thể chỉnh sửa khi kế hoạch còn là dự thảo.")]
    [InlineData("en", "The plan is issued; only a draft can be edited.")]
    public async Task PlanRule_EditingAnIssuedPlan_Returns409InTheRequestedLanguage(string language, string detail)
    {
        var plan = await Client.CreatePlan(2025, "Kế hoạch thi đua năm 2025");
        await Client.IssuePlan(plan["id"]!);

        var response = await Send(Client, HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", """{"year":2025,"title":"Sửa"}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Nhiệm vụ cần có ít nhất một đơn vị chủ trì.")]
    [InlineData("en", "A task needs at least one lead (đơn vị chủ trì).")]
    public async Task TaskValidator_TaskWithoutLead_Returns400InTheRequestedLanguage(string language, string message)
    {
        var plan = await Client.CreatePlan(2025, "Kế hoạch thi đua năm 2025");

        var response = await Send(Client, HttpMethod.Post, $"{PlansApi.Url}/{plan["id"]}/tasks",
            """{"group":"Q1","sequence":1,"content":"Xây dựng kế hoạch thi đua","timing":{"kind":"Month","month":3},"leads":[],"coordinators":[]}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(message, Error(problem, "leads"));
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Kế hoạch vẫn là dự thảo; chỉ báo cáo tiến độ sau khi kế hoạch được ban hành.")]
    [InlineData("en", "The plan is still a draft; progress is reported once it is issued.")]
    public async Task ProgressRule_ReportOnADraftPlansTask_Returns409InTheRequestedLanguage(string language, string detail)
    {
        await Client.CreateUnits("A");
        var plan = await Client.CreatePlan(2025, "Kế hoạch thi đua năm 2025");
        var task = await Client.CreateTask(plan["id"]!, leads: [PlansApi.Unit("A")]);

        var response = await Send(Client, HttpMethod.Post, $"{PlansApi.TasksUrl}/{task["id"]}/progress",
            """{"reportedOn":"2025-02-01","reportingUnitCode":"A","status":"InProgress","text":"Đã triển khai theo kế hoạch."}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Văn bản sửa đổi, bổ sung không thể có ngày trước ngày ban hành kế hoạch (2025-01-10).")]
    [InlineData("en", "An amendment cannot be dated before the plan's issue date (2025-01-10).")]
    public async Task AmendmentRule_DatedBeforeThePlansIssue_Returns409InTheRequestedLanguage(string language, string detail)
    {
        await Client.CreateUnits("A");
        var plan = await Client.CreatePlan(2025, "Kế hoạch thi đua năm 2025");
        var task = await Client.CreateTask(plan["id"]!, leads: [PlansApi.Unit("A")]);
        await Client.IssuePlan(plan["id"]!, issueDate: "2025-01-10");

        var response = await Send(Client, HttpMethod.Post, $"{PlansApi.Url}/{plan["id"]}/amendments",
            $$"""{"number":"20/KH-UBND","date":"2024-12-31","summary":"Điều chỉnh nhiệm vụ","cancelTasks":[{"taskId":"{{task["id"]}}","reason":"Không còn phù hợp"}]}""", language);

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(BusinessRule(language), (string?)problem["title"]);
        Assert.Equal(detail, (string?)problem["detail"]);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Mục 'Phần bổ sung' không xác định: dòng mục ghi Quý I–IV hoặc nhiệm vụ thường xuyên, dòng nhiệm vụ bắt đầu bằng STT.")]
    [InlineData("en", "Unknown section 'Phần bổ sung': a section row names Quý I–IV or the recurring tasks (thường xuyên), and a task row starts with its STT.")]
    public async Task PlanImportRowError_UnknownSection_IsInTheRequestedLanguageWithEnglishField(string language, string message)
    {
        // Line 112 of the seed plan, "Quý III", becomes a section no plan has.
        var lines = PlansApi.SeedPlanText.Split('\n');
        lines[111] = "Phần bổ sung\t\t\t\t";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{PlansApi.Url}/import") { Content = PlansApi.PlainText(string.Join('\n', lines)) };
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal((112, "line", message), ((int)error["row"]!, (string?)error["field"], (string?)error["message"]));
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Mã 'A' lặp lại: mã này đã được nêu lần đầu ở dòng 1.",
        "Không có đơn vị nào mang mã 'GHOST', trong tệp này hoặc trong danh mục đơn vị đã đăng ký.")]
    [InlineData("en", "The code 'A' appears again: it was first given in row 1.",
        "No unit has the code 'GHOST', in this file or already registered.")]
    public async Task UnitImportDatabaseSideRowErrors_AreInTheRequestedLanguageWithEnglishFields(string language, string repeated, string unknownParent)
    {
        const string csv = "code,name,kind,parentCode\nA,Đơn vị A,Department,\nA,Đơn vị A lặp,Department,\nB,Đơn vị B,Department,GHOST\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units/import") { Content = TestHttp.Csv(csv) };
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var rows = problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!, (string)e["message"]!)).ToArray();
        Assert.Equal([(2, "code", repeated), (3, "parentCode", unknownParent)], rows);
        AssertInLanguage(response, language);
    }

    [Theory]
    [InlineData("vi", "Cột 'colour' không xác định; các cột là: ")]
    [InlineData("en", "Unknown column 'colour'; the columns are: ")]
    public async Task UnitCsvHeaderError_IsInTheRequestedLanguage(string language, string start)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units/import") { Content = TestHttp.Csv("code,name,kind,colour\nA,Đơn vị A,Department,red\n") };
        request.Headers.TryAddWithoutValidation("Accept-Language", language);

        var response = await Client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal((0, "colour"), ((int)error["row"]!, (string)error["field"]!));
        Assert.StartsWith(start, (string?)error["message"], StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;

namespace EmulationApi.Api.IntegrationTests;

/// <summary>
/// Every query parameter, route value and body field at its type's extremes (dates at DateOnly.MinValue/MaxValue and
/// just outside the documented 2000-01-01..2100-12-31, timestamps at DateTimeOffset's ends and with ±14:00 offsets,
/// ints at 0, -1, int.MaxValue and past it, decimals at decimal.MaxValue and 1e400, ids that are not ids, huge and
/// unstorable strings): each answer must be the 4xx problem+json of its row — never a 5xx — and name the field when it
/// is a validation error. One arranged world (an issued plan with its task and obligation, a draft plan with a task, a
/// cluster with a draft covenant, a movement, two units) serves a whole table; the rows are refused, so none of them changes it.
/// </summary>
public sealed class ExtremeValuesTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>Request, expected status, and the field its <c>errors</c> names (null: not a per-field error).</summary>
    public sealed record Row(string Method, string Url, string? Body, int Status, string? Field)
    {
        public string? IfMatch { get; init; }
    }

    private static readonly string[] OutOfRangeDates = ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-24", "9999-12-25", "9999-12-31"];

    private static readonly string[] OutOfRangeInstants =
        ["0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z"];

    /// <summary>Every date a request carries, with the field it is reported under; {X} is the date.</summary>
    private static IEnumerable<Row> DateRows(string d)
    {
        var q = Uri.EscapeDataString(d);
        foreach (var url in new[] { "/api/v1/tasks", "/api/v1/tasks/{task}", "/api/v1/tasks/summary", "/api/v1/obligations",
                     "/api/v1/obligations/summary", "/api/v1/obligations/{obligation}" })
            yield return new("GET", $"{url}?asOf={q}", null, 400, "asOf");
        yield return new("POST", "/api/v1/plans", $$"""{"year":2026,"title":"Kế hoạch {{d}}","issueDate":"{{d}}"}""", 400, "issueDate");
        yield return new("PUT", "/api/v1/plans/{draftPlan}", $$"""{"year":2026,"title":"Kế hoạch nháp","issueDate":"{{d}}"}""", 400, "issueDate");
        yield return new("POST", "/api/v1/plans/{draftPlan}/issue", $$"""{"number":"1/KH-UBND","issueDate":"{{d}}"}""", 400, "issueDate");
        yield return new("POST", "/api/v1/plans/{draftPlan}/tasks", TaskJson(2, d), 400, "timing.date");
        yield return new("PUT", "/api/v1/tasks/{draftTask}", TaskJson(1, d), 400, "timing.date");
        yield return new("POST", "/api/v1/plans/{issuedPlan}/amendments", $$"""{"number":"2/KH-UBND","date":"{{d}}","summary":"Điều chỉnh"}""", 400, "date");
        yield return new("POST", "/api/v1/plans/{issuedPlan}/amendments",
            $$"""{"number":"2/KH-UBND","date":"2026-05-15","summary":"Bổ sung","addTasks":[{{TaskJson(5, d)}}]}""", 400, "addTasks[0].timing.date");
        yield return new("POST", "/api/v1/tasks/{task}/progress", $$"""{"reportedOn":"{{d}}","reportingUnitCode":"EXA","status":"InProgress","text":"Đang làm"}""", 400, "reportedOn");
        yield return new("POST", "/api/v1/obligations/{obligation}/extend", $$"""{"deadline":"{{d}}","reason":"Gia hạn"}""", 400, "deadline");
        yield return new("POST", "/api/v1/units/{unitB}/merge", $$"""{"successorCode":"EXA","mergedOn":"{{d}}"}""", 400, "mergedOn");
        yield return new("POST", "/api/v1/movements", MovementJson("Phong trào mới", d, null), 400, "startDate");
        yield return new("POST", "/api/v1/movements", MovementJson("Phong trào mới", "2026-01-01", d), 400, "endDate");
        yield return new("PUT", "/api/v1/movements/{movement}", MovementJson("Phong trào thử", d, null), 400, "startDate");
        yield return new("POST", "/api/v1/movements/{movement}/launch", $$"""{"date":"{{d}}","documentReference":"12/KH"}""", 400, "date");
        yield return new("POST", "/api/v1/clusters",
            $$"""{"year":2026,"kind":"Cluster","scope":"Provincial","name":"Cụm {{d}}","decisionDate":"{{d}}"}""", 400, "decisionDate");
        yield return new("PUT", "/api/v1/clusters/{cluster}", $$"""{"kind":"Cluster","name":"Cụm thử","decisionDate":"{{d}}"}""", 400, "decisionDate");
        yield return new("POST", "/api/v1/clusters/{cluster}/rotate", $$"""{"newLeaderUnitCode":"EXB","decisionDate":"{{d}}"}""", 400, "decisionDate");
        yield return new("POST", "/api/v1/clusters/{cluster}/covenant/sign", $$"""{"signedOn":"{{d}}"}""", 400, "signedOn");
        yield return new("POST", "/api/v1/clusters/{cluster}/covenant/publish", $$"""{"evaluatedOn":"{{d}}"}""", 400, "evaluatedOn");
    }

    /// <summary>Every timestamp a request carries.</summary>
    private static IEnumerable<Row> InstantRows(string t)
    {
        var q = Uri.EscapeDataString(t);
        foreach (var url in new[] { "/api/v1/tasks", "/api/v1/tasks/summary", "/api/v1/obligations", "/api/v1/obligations/summary" })
            yield return new("GET", $"{url}?changedSince={q}", null, 400, "changedSince");
        yield return new("GET", $"/api/v1/audit?from={q}", null, 400, "from");
        yield return new("GET", $"/api/v1/audit?to={q}", null, 400, "to");
        yield return new("POST", "/api/v1/api-keys", $$"""{"name":"Khóa {{t}}","role":"Reader","expiresAt":"{{t}}"}""", 400, "expiresAt");
    }

    private static string TaskJson(int sequence, string date) =>
        $$"""{"group":"Q1","sequence":{{sequence}},"content":"Nhiệm vụ","timing":{"kind":"Date","date":"{{date}}"},"leads":[{"unitCode":"EXA"}]}""";

    private static string MovementJson(string name, string start, string? end) =>
        $$"""{"name":"{{name}}","form":"Thematic","launcherLevel":"Province","startDate":"{{start}}","endDate":{{(end is null ? "null" : $"\"{end}\"")}}}""";

    public static TheoryData<string> Tables => ["dates", "instants", "numbers", "identifiers", "strings"];

    private static IEnumerable<Row> Table(string name) => name switch
    {
        "dates" => OutOfRangeDates.SelectMany(DateRows),
        "instants" => OutOfRangeInstants.SelectMany(InstantRows).Concat(
        [
            // Offsets that put the instant outside DateTimeOffset itself: refused when the value is read.
            new("GET", "/api/v1/tasks?changedSince=0001-01-01T00:00:00%2B14:00", null, 400, "changedSince"),
            new("GET", "/api/v1/obligations?changedSince=9999-12-31T23:59:59-14:00", null, 400, "changedSince"),
            new("GET", "/api/v1/audit?from=0001-01-01T00:00:00%2B14:00", null, 400, "from"),
            new("POST", "/api/v1/api-keys", """{"name":"Khóa","role":"Reader","expiresAt":"9999-12-31T23:59:59-14:00"}""", 400, "expiresAt"),
            new("POST", "/api/v1/api-keys", """{"name":"Khóa","role":"Reader","expiresAt":"0001-01-01T00:00:00+14:00"}""", 400, "expiresAt"),
        ]),
        "numbers" => NumberRows(),
        "identifiers" => IdentifierRows(),
        "strings" => StringRows(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Paging, years, sequences, months and quarters at the ends of int and past them; decimals at the ends of decimal and past them.</summary>
    private static IEnumerable<Row> NumberRows() =>
    [
        .. new[] { "/api/v1/units", "/api/v1/plans", "/api/v1/tasks", "/api/v1/obligations", "/api/v1/obligations/summary", "/api/v1/movements",
            "/api/v1/clusters", "/api/v1/api-keys", "/api/v1/audit", "/api/v1/plans/{issuedPlan}/amendments", "/api/v1/tasks/{task}/progress" }
            .SelectMany(url => new Row[]
            {
                new("GET", $"{url}?page=0", null, 400, "page"),
                new("GET", $"{url}?page=-1", null, 400, "page"),
                new("GET", $"{url}?page=2147483647", null, 400, "page"),
                new("GET", $"{url}?page=2147483647&pageSize=200", null, 400, "page"),
                new("GET", $"{url}?page=2147483648", null, 400, "page"),
                new("GET", $"{url}?page=1e3", null, 400, "page"),
                new("GET", $"{url}?pageSize=0", null, 400, "pageSize"),
                new("GET", $"{url}?pageSize=2147483647", null, 400, "pageSize"),
                new("GET", $"{url}?pageSize=-2147483649", null, 400, "pageSize"),
            }),
        .. new[] { "/api/v1/plans", "/api/v1/tasks", "/api/v1/tasks/summary", "/api/v1/obligations", "/api/v1/movements", "/api/v1/clusters" }
            .SelectMany(url => new Row[]
            {
                new("GET", $"{url}?year=-1", null, 400, "year"),
                new("GET", $"{url}?year=99999", null, 400, "year"),
                new("GET", $"{url}?year=2147483648", null, 400, "year"),
            }),
        new("GET", "/api/v1/tasks?quarter=2147483647", null, 400, "quarter"),
        new("GET", "/api/v1/obligations?month=-2147483648", null, 400, "month"),
        new("POST", "/api/v1/plans", """{"year":2147483648,"title":"T"}""", 400, "year"),
        new("POST", "/api/v1/plans", """{"year":-1,"title":"T"}""", 400, "year"),
        new("POST", "/api/v1/plans", """{"year":99999,"title":"T"}""", 400, "year"),
        new("POST", "/api/v1/plans", """{"year":2.026e3,"title":"T"}""", 400, "year"),
        new("POST", "/api/v1/plans", """{"year":1e400,"title":"T"}""", 400, "year"),
        new("POST", "/api/v1/clusters", """{"year":99999,"kind":"Cluster","scope":"Provincial","name":"C"}""", 400, "year"),
        new("POST", "/api/v1/plans/{draftPlan}/tasks", """{"group":"Q1","sequence":2147483647,"content":"c","timing":{"kind":"Month","month":3},"leads":[{"unitCode":"EXA"}]}""", 400, "sequence"),
        new("POST", "/api/v1/plans/{draftPlan}/tasks", """{"group":"Q1","sequence":-2147483648,"content":"c","timing":{"kind":"Month","month":3},"leads":[{"unitCode":"EXA"}]}""", 400, "sequence"),
        new("POST", "/api/v1/plans/{draftPlan}/tasks", """{"group":"Q1","sequence":2147483648,"content":"c","timing":{"kind":"Month","month":3},"leads":[{"unitCode":"EXA"}]}""", 400, "sequence"),
        new("POST", "/api/v1/plans/{draftPlan}/tasks", """{"group":"Q1","sequence":2,"content":"c","timing":{"kind":"Month","month":2147483647},"leads":[{"unitCode":"EXA"}]}""", 400, "timing.month"),
        new("POST", "/api/v1/plans/{draftPlan}/tasks", """{"group":"Q1","sequence":2,"content":"c","timing":{"kind":"Quarter","quarter":-2147483648},"leads":[{"unitCode":"EXA"}]}""", 400, "timing.quarter"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant", """{"criteria":[{"name":"a","kind":"Standard","maxPoints":79228162514264337593543950335}]}""", 400, "criteria[0].maxPoints"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant", """{"criteria":[{"name":"a","kind":"Standard","maxPoints":-79228162514264337593543950335}]}""", 400, "criteria[0].maxPoints"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant", """{"criteria":[{"name":"a","kind":"Standard","maxPoints":79228162514264337593543950336}]}""", 400, "criteria[0].maxPoints"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant", """{"criteria":[{"name":"a","kind":"Standard","maxPoints":1e400}]}""", 400, "criteria[0].maxPoints"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant", """{"criteria":[{"name":"a","kind":"Standard","maxPoints":1e-400}]}""", 400, "criteria[0].maxPoints"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant/scores", """{"scores":[{"unitCode":"EXA","criterionId":"0190e1a0-0000-7000-8000-000000000000","points":79228162514264337593543950335}]}""", 400, "scores[0].points"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant/scores", """{"scores":[{"unitCode":"EXA","criterionId":"0190e1a0-0000-7000-8000-000000000000","points":1e400}]}""", 400, "scores[0].points"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant/scores", """{"scores":[{"unitCode":"EXA","criterionId":-1,"points":1}]}""", 400, "scores[0].criterionId"),
        new("PUT", "/api/v1/clusters/{cluster}/covenant/scores", """{"scores":[{"unitCode":"EXA","criterionId":"not-a-uuid","points":1}]}""", 400, "scores[0].criterionId"),
    ];

    /// <summary>Route ids that are not ids, and versions in If-Match past uint.</summary>
    private static IEnumerable<Row> IdentifierRows() =>
    [
        new("GET", "/api/v1/units/2147483648", null, 404, null),
        new("GET", "/api/v1/units/-1", null, 404, null),
        new("GET", "/api/v1/tasks/-1", null, 404, null),
        new("GET", "/api/v1/plans/99999999999999999999", null, 404, null),
        new("GET", "/api/v1/units/00000000-0000-0000-0000-000000000000", null, 404, null),
        new("GET", "/api/v1/obligations/ffffffff-ffff-ffff-ffff-ffffffffffff", null, 404, null),
        new("GET", "/api/v1/tasks?planId=not-a-guid", null, 400, "planId"),
        new("POST", "/api/v1/movements", """{"name":"M","form":"Thematic","launcherLevel":"Province","startDate":"2026-01-01","parentMovementId":"2147483648"}""", 400, "parentMovementId"),
        new("PUT", "/api/v1/units/{unitA}", """{"name":"Đơn vị A","kind":"Department"}""", 400, "If-Match") { IfMatch = "\"4294967296\"" },
        new("PUT", "/api/v1/plans/{draftPlan}", """{"year":2026,"title":"Kế hoạch nháp"}""", 400, "If-Match") { IfMatch = "\"99999999999999999999-x\"" },
    ];

    /// <summary>Unstorable, unpaired and oversized text.</summary>
    private static IEnumerable<Row> StringRows() =>
    [
        new("POST", "/api/v1/units", """{"code":"X\u0000","name":"N","kind":"Other"}""", 400, "code"),
        new("POST", "/api/v1/units", """{"code":"X1","name":"a\ud800b","kind":"Other"}""", 400, "name"),
        new("POST", "/api/v1/units", """{"code":"X1","name":"a\udc00","kind":"Other"}""", 400, "name"),
        new("GET", "/api/v1/units?q=" + new string('a', 5000), null, 400, "q"),
        new("GET", "/api/v1/units/by-code/" + new string('a', 3000), null, 400, "code"),
        new("POST", "/api/v1/units", $$"""{"code":"X1","name":"{{new string('a', 900 * 1024)}}","kind":"Other"}""", 400, "name"),
        new("POST", "/api/v1/units", $$"""{"code":"X1","name":"{{new string('a', 10 * 1024 * 1024)}}","kind":"Other"}""", 413, null),
    ];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task EveryRow_WhenSentWithExtremeValues_IsRefusedWithItsProblemJsonNeverA5xx(string table)
    {
        var ids = await ArrangeAsync();
        var failures = new List<string>();
        foreach (var row in Table(table))
        {
            var url = ids.Aggregate(row.Url, (u, id) => u.Replace($"{{{id.Key}}}", id.Value, StringComparison.Ordinal));
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
            if (row.Body is not null) request.Content = new StringContent(row.Body, Encoding.UTF8, "application/json");
            if (row.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", row.IfMatch);
            // A body the server refuses by its length alone is answered before it is sent, as a well-behaved client would do.
            if (row.Body?.Length > 1024 * 1024) request.Headers.ExpectContinue = true;
            using var response = await Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var shown = $"{row.Method} {Shorten(url)} {Shorten(row.Body ?? "")}";
            if ((int)response.StatusCode != row.Status)
            {
                failures.Add($"{shown} → {(int)response.StatusCode} (expected {row.Status}): {Shorten(text)}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{shown} → {(int)response.StatusCode} but {response.Content.Headers.ContentType}");
                continue;
            }
            var problem = JsonNode.Parse(text)!;
            if (row.Field is not null && problem["errors"]?[row.Field] is null)
                failures.Add($"{shown} → errors do not name '{row.Field}': {Shorten(text)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} row(s) of '{table}' failed:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Dates_AtTheEndsOfTheDocumentedRange_AreAccepted()
    {
        await ArrangeAsync();

        var first = await (await Client.PostJson("/api/v1/plans", new { year = 2000, title = "Kế hoạch đầu", issueDate = "2000-01-01" })).ExpectJson(HttpStatusCode.Created);
        var last = await (await Client.PostJson("/api/v1/plans", new { year = 2100, title = "Kế hoạch cuối", issueDate = "2100-12-31" })).ExpectJson(HttpStatusCode.Created);
        var feed = await Client.Feed("asOf=2100-12-31&changedSince=2000-01-01T00:00:00Z");
        var summary = await (await Client.GetAsync("/api/v1/tasks/summary?asOf=2000-01-01")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("2000-01-01", (string?)first["issueDate"]);
        Assert.Equal("2100-12-31", (string?)last["issueDate"]);
        Assert.Equal(2, (int)feed["totalCount"]!);
        Assert.Equal("2000-01-01", (string?)summary["asOf"]);
    }

    [Fact]
    public async Task AsOf_OnTheLastDayOfTheRange_GivesTheTimelinessOfThatDay()
    {
        var ids = await ArrangeAsync();

        var task = await Client.GetTask(ids["task"], asOf: "2100-12-31");

        Assert.Equal("Overdue", (string?)task["timeliness"]);
    }

    [Fact]
    public async Task ReportedOn_InTheFutureButInsideTheRange_IsStillRefusedByTheTimelinessOfReports()
    {
        var ids = await ArrangeAsync();

        var problem = await (await Client.PostReport(ids["task"], "InProgress", "2100-12-31", unitCode: "EXA")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("2100-12-31 is after 2026-12-01", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("progress_reports"));
    }

    [Fact]
    public async Task DateOutOfRange_WhenRefused_SaysTheRange()
    {
        var ids = await ArrangeAsync();

        var problem = await (await Client.PostJson($"/api/v1/tasks/{ids["task"]}/progress",
            new { reportedOn = "0001-01-01", reportingUnitCode = "EXA", status = "InProgress", text = "Đang làm" })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal("'reportedOn' must be between 2000-01-01 and 2100-12-31.", (string?)problem["errors"]!["reportedOn"]![0]);
        Assert.Equal(0L, await Factory.Count("progress_reports"));
    }

    public static TheoryData<string, string, string, int, string> ImportedTexts => new()
    {
        // endpoint, text to replace in the 2026 plan, its replacement, status, what the answer says
        { "plans", "ngày tháng năm 2026", "ngày 1 tháng 1 năm 0000", 409, "Year 0 is outside 2000–2100." },
        { "plans", "ngày tháng năm 2026", "ngày 31 tháng 12 năm 9999", 409, "Year 9999 is outside 2000–2100." },
        { "movements", "giai đoạn 2026-2030", "giai đoạn 0000-9999", 409, "Year 0 is outside 2000–2100." },
        { "movements", "giai đoạn 2026-2030", "giai đoạn 2026-9999", 409, "Year 9999 is outside 2000–2100." },
        { "plans", "Văn phòng UBND tỉnh\tTháng 3\n", "Văn phòng UBND tỉnh\t31/12/9999\n", 400, "31/12/9999 is not between 2000-01-01 and 2100-12-31." },
    };

    [Theory]
    [MemberData(nameof(ImportedTexts))]
    public async Task ImportText_WhenItsDatesLieOutsideTheRange_IsRefusedNeverA5xx(string endpoint, string original, string replacement, int status, string says)
    {
        await Client.LoadSeedUnits();
        var text = PlansApi.SeedPlanText.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(original, text, StringComparison.Ordinal);

        var response = await Client.PostAsync($"/api/v1/{endpoint}/import", PlansApi.PlainText(ReplaceFirst(text, original, replacement)));

        var problem = await response.ExpectProblem((HttpStatusCode)status);
        Assert.Contains(says, problem.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("plans"));
        Assert.Equal(0L, await Factory.Count("movements"));
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..160] + $"…({s.Length} chars)";

    /// <summary>The world every table runs against; the names are the placeholders of the rows' URLs.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ArrangeAsync()
    {
        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nEXA,Đơn vị A,Department\nEXB,Đơn vị B,Commune\n"))).ExpectJson(HttpStatusCode.OK);
        var unitA = (string)(await (await Client.GetAsync("/api/v1/units/by-code/EXA")).ExpectJson(HttpStatusCode.OK))["id"]!;
        var unitB = (string)(await (await Client.GetAsync("/api/v1/units/by-code/EXB")).ExpectJson(HttpStatusCode.OK))["id"]!;

        var issued = await Client.CreatePlan(2026, "Kế hoạch ban hành");
        var task = await Client.CreateTask(issued["id"]!, timing: PlansApi.Month(3), leads: [PlansApi.Unit("EXA")]);
        await Client.IssuePlan(issued["id"]!, issueDate: "2026-01-10");
        var obligations = await (await Client.GetAsync($"/api/v1/obligations?planId={issued["id"]}")).ExpectJson(HttpStatusCode.OK);

        var draft = await Client.CreatePlan(2026, "Kế hoạch nháp");
        var draftTask = await Client.CreateTask(draft["id"]!, timing: PlansApi.Month(3), leads: [PlansApi.Unit("EXA")]);

        var cluster = await (await Client.PostJson("/api/v1/clusters", new
        {
            year = 2026, kind = "Cluster", scope = "Provincial", name = "Cụm thử",
            members = new[] { new { unitCode = "EXA", role = "Leader" }, new { unitCode = "EXB", role = "Member" } },
        })).ExpectJson(HttpStatusCode.Created);
        // A draft covenant: a bulk write's malformed values are answered (400) once the cluster and its covenant are found.
        await (await Client.Send(HttpMethod.Put, $"/api/v1/clusters/{cluster["id"]}/covenant",
            new { criteria = new[] { new { name = "Tiêu chí", maxPoints = 10 } } })).ExpectJson(HttpStatusCode.OK);
        var movement = await (await Client.PostJson("/api/v1/movements", new { name = "Phong trào thử", form = "Thematic", launcherLevel = "Province", startDate = "2026-01-01" }))
            .ExpectJson(HttpStatusCode.Created);

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unitA"] = unitA, ["unitB"] = unitB,
            ["issuedPlan"] = (string)issued["id"]!, ["task"] = (string)task["id"]!,
            ["obligation"] = (string)obligations["items"]![0]!["id"]!,
            ["draftPlan"] = (string)draft["id"]!, ["draftTask"] = (string)draftTask["id"]!,
            ["cluster"] = (string)cluster["id"]!, ["movement"] = (string)movement["id"]!,
        };
    }
}

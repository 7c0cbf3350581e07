using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

public sealed class NominationReportTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/commendation/reports/nominations";

    /// <summary>
    /// SNV submits four nominees (a direct worker, a farmer, a leader for BK-CN; a small collective for BK-TT); STC's
    /// dossier for itself (BK-TT) is decided, approved; a draft of SNV is not yet a nomination.
    /// </summary>
    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV", "STC");
        var snv = await Client.CreateDossier("SNV",
            DossiersApi.Person("SNV", name: "Công Nhân", category: "DirectWorker"),
            DossiersApi.Person("SNV", name: "Nông Dân", category: "Farmer"),
            DossiersApi.Person("SNV", name: "Lãnh Đạo", category: "LeaderManager"),
            DossiersApi.SmallCollective("SNV"));
        await Client.Reach(snv, "Submitted");
        await Client.Reach(await Client.CreateDossier("STC", DossiersApi.UnitNominee("STC")), "Decided");
        await Client.CreateDossier("SNV", DossiersApi.Person("SNV", name: "Bản Nháp"));
    }

    private async Task<JsonNode> Report(string query) => await (await Client.GetAsync(Url + query)).ExpectJson(HttpStatusCode.OK);

    private static string Line(JsonNode row) =>
        $"{row["key"]} {row["name"]} n={row["nominees"]} ok={row["approved"]} w={row["directWorkers"]} f={row["farmers"]} s={row["smallCollectives"]} share={row["favouredShare"]}".Replace("  ", " ", StringComparison.Ordinal);

    private static string[] Lines(JsonNode report) => [.. report["rows"]!.AsArray().Select(r => Line(r!))];

    [Fact]
    public async Task GetNominationReport_ByAward_CountsSubmittedNomineesApprovalsAndTheFavouredShare()
    {
        await Arrange();

        var report = await Report("?groupBy=Award");

        Assert.Equal("Award", (string?)report["groupBy"]);
        Assert.Equal(
            [
                "BK-CN Bằng khen của Chủ tịch UBND tỉnh (cá nhân) n=3 ok=0 w=1 f=1 s=0 share=0.6667",
                "BK-TT Bằng khen của Chủ tịch UBND tỉnh (tập thể) n=2 ok=1 w=0 f=0 s=1 share=0.5",
            ], Lines(report));
        Assert.Equal("Total n=5 ok=1 w=1 f=1 s=1 share=0.6", Line(report["total"]!));
    }

    [Theory]
    [InlineData("?groupBy=ProposingUnit", "SNV Đơn vị SNV n=4 ok=0 w=1 f=1 s=1 share=0.75|STC Đơn vị STC n=1 ok=1 w=0 f=0 s=0 share=0")]
    [InlineData("?groupBy=NomineeCategory", "DirectWorker n=1 ok=0 w=1 f=0 s=0 share=1|Farmer n=1 ok=0 w=0 f=1 s=0 share=1|LeaderManager n=1 ok=0 w=0 f=0 s=0 share=0|None n=2 ok=1 w=0 f=0 s=1 share=0.5")]
    [InlineData("?groupBy=Level", "Province n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Type", "Regular n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Year", "2026 n=5 ok=1 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=Year&proposingUnitCode=stc", "2026 n=1 ok=1 w=0 f=0 s=0 share=0")]
    [InlineData("?groupBy=Year&awardCode=bk-cn", "2026 n=3 ok=0 w=1 f=1 s=0 share=0.6667")]
    [InlineData("?groupBy=Year&year=2025", "")]
    [InlineData("?groupBy=Year&type=AdHoc", "")]
    public async Task GetNominationReport_GroupsAndFilters(string query, string expected)
    {
        await Arrange();

        Assert.Equal(expected, string.Join("|", Lines(await Report(query))));
    }

    [Fact]
    public async Task GetNominationReport_WithNothingSubmitted_HasAZeroTotal()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV");
        await Client.CreateDossier("SNV");

        var report = await Report("");

        Assert.Empty(report["rows"]!.AsArray());
        Assert.Equal("Total n=0 ok=0 w=0 f=0 s=0 share=0", Line(report["total"]!));
    }

    [Fact]
    public async Task GetNominationReport_AsCsv_IsTheSameRowsWithABomVietnameseHeadingsAndQuoting()
    {
        await Arrange();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Award");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
            [
                "Nhóm,Tên,Số được đề nghị,Số được khen thưởng,\"Công nhân, người lao động trực tiếp\",Nông dân,Tập thể nhỏ,Tỷ lệ nhóm được chú trọng",
                "BK-CN,Bằng khen của Chủ tịch UBND tỉnh (cá nhân),3,0,1,1,0,0.6667",
                "BK-TT,Bằng khen của Chủ tịch UBND tỉnh (tập thể),2,1,0,0,1,0.5",
                "Total,Tổng cộng,5,1,1,1,1,0.6",
                "",
            ], lines);
        Assert.Contains("Accept", response.Headers.Vary);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Award");
        again.Headers.Accept.ParseAdd("text/csv");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        var json = await Client.GetAsync(Url + "?groupBy=Award");
        Assert.NotEqual(response.Headers.ETag, json.Headers.ETag);
    }

    /// <summary>
    /// Dated submissions: SNV's dossier A (a direct worker, a farmer, a leader) submitted 2026-02-10; SNV's dossier B (a
    /// leader, a small collective) submitted 2026-03-20, returned, and submitted again 2026-04-10 — one nomination, of
    /// the first quarter; STC's dossier C (the unit itself) submitted 2026-05-05 and decided, approved; STC's dossier D of
    /// year 2025 (a farmer) submitted 2026-01-05; a draft.
    /// </summary>
    private async Task ArrangeQuarters()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SNV", "STC");
        var a = await Client.CreateDossier("SNV",
            DossiersApi.Person("SNV", name: "Công Nhân", category: "DirectWorker"),
            DossiersApi.Person("SNV", name: "Nông Dân", category: "Farmer"),
            DossiersApi.Person("SNV", name: "Lãnh Đạo", category: "LeaderManager"));
        await Submit(a, "2026-02-10");
        var b = await Client.CreateDossier("SNV", DossiersApi.Person("SNV", name: "Trưởng Phòng", category: "LeaderManager"), DossiersApi.SmallCollective("SNV"));
        await Submit(b, "2026-03-20");
        foreach (var (action, date) in new[] { ("receive", "2026-03-21"), ("start-appraisal", "2026-03-22") })
            await (await Client.Step(b.Id(), action, new { date, documentReference = "Văn bản" })).ExpectJson(HttpStatusCode.OK);
        await (await Client.Step(b.Id(), "return", new { date = "2026-03-25", reason = "Thiếu biên bản.", resubmitBy = "2026-04-30", documentReference = "Công văn 5" }))
            .ExpectJson(HttpStatusCode.OK);
        var resubmitted = await Submit(b, "2026-04-10");
        Assert.Equal(["Submit", "Receive", "StartAppraisal", "Return", "Submit"], resubmitted["steps"]!.AsArray().Select(x => (string)x!["kind"]!));
        var c = await Client.CreateDossier("STC", DossiersApi.UnitNominee("STC"));
        await Submit(c, "2026-05-05");
        foreach (var action in new[] { "receive", "start-appraisal", "appraise", "refer-to-council" })
            await (await Client.Step(c.Id(), action)).ExpectJson(HttpStatusCode.OK);
        await (await Client.Step(c.Id(), "decide", DossiersApi.DecideBody(c))).ExpectJson(HttpStatusCode.OK);
        var d = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("STC", [DossiersApi.Person("STC", name: "Nông Dân Cũ", category: "Farmer")], year: 2025)))
            .ExpectJson(HttpStatusCode.Created);
        await Submit(d, "2026-01-05");
        await Client.CreateDossier("SNV", DossiersApi.Person("SNV", name: "Bản Nháp", category: "Farmer"));
    }

    private async Task<JsonNode> Submit(JsonNode dossier, string date) =>
        await (await Client.Step(dossier.Id(), "submit", new { date, documentReference = "Tờ trình" })).ExpectJson(HttpStatusCode.OK);

    [Theory]
    // Q1 of all years: A (3), B once (2), D (1); favoured 4 of 6 = 0.66666… → 0.6667; the total 4 of 7 = 0.571428… → 0.5714.
    [InlineData("?groupBy=Quarter", "2026-Q1 n=6 ok=0 w=1 f=2 s=1 share=0.6667|2026-Q2 n=1 ok=1 w=0 f=0 s=0 share=0", "Total n=7 ok=1 w=1 f=2 s=1 share=0.5714")]
    // The year is the dossier's: D (2025) drops out though it was submitted in 2026.
    [InlineData("?groupBy=Quarter&year=2026", "2026-Q1 n=5 ok=0 w=1 f=1 s=1 share=0.6|2026-Q2 n=1 ok=1 w=0 f=0 s=0 share=0", "Total n=6 ok=1 w=1 f=1 s=1 share=0.5")]
    [InlineData("?groupBy=Quarter&year=2025", "2026-Q1 n=1 ok=0 w=0 f=1 s=0 share=1", "Total n=1 ok=0 w=0 f=1 s=0 share=1")]
    [InlineData("?groupBy=Year", "2025 n=1 ok=0 w=0 f=1 s=0 share=1|2026 n=6 ok=1 w=1 f=1 s=1 share=0.5", "Total n=7 ok=1 w=1 f=2 s=1 share=0.5714")]
    [InlineData("?groupBy=Quarter&proposingUnitCode=snv&type=Regular", "2026-Q1 n=5 ok=0 w=1 f=1 s=1 share=0.6", "Total n=5 ok=0 w=1 f=1 s=1 share=0.6")]
    [InlineData("?groupBy=ProposingUnit&unitCode=stc", "STC Đơn vị STC n=2 ok=1 w=0 f=1 s=0 share=0.5", "Total n=2 ok=1 w=0 f=1 s=0 share=0.5")]
    [InlineData("?groupBy=Quarter&awardCode=bk-tt", "2026-Q1 n=1 ok=0 w=0 f=0 s=1 share=1|2026-Q2 n=1 ok=1 w=0 f=0 s=0 share=0", "Total n=2 ok=1 w=0 f=0 s=1 share=0.5")]
    [InlineData("?groupBy=Quarter&type=AdHoc", "", "Total n=0 ok=0 w=0 f=0 s=0 share=0")]
    public async Task GetNominationReport_ByQuarterOfTheFirstSubmission_CountsAResubmittedDossierOnce(string query, string expected, string total)
    {
        await ArrangeQuarters();

        var report = await Report(query);

        Assert.Equal(expected, string.Join("|", Lines(report)));
        Assert.Equal(total, Line(report["total"]!));
    }

    [Fact]
    public async Task GetNominationReport_ByQuarter_RePollIs304AndTheCsvCarriesTheQuarters()
    {
        await ArrangeQuarters();
        var first = await Client.GetAsync(Url + "?groupBy=Quarter&year=2026");
        Assert.Equal("Quarter", (string?)(await first.ExpectJson(HttpStatusCode.OK))["groupBy"]);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Quarter&year=2026");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Quarter&year=2026");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await Client.SendAsync(csvRequest);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("bao-cao-de-nghi-khen-thuong-quarter.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            [
                "Nhóm,Tên,Số được đề nghị,Số được khen thưởng,\"Công nhân, người lao động trực tiếp\",Nông dân,Tập thể nhỏ,Tỷ lệ nhóm được chú trọng",
                "2026-Q1,,5,0,1,1,1,0.6",
                "2026-Q2,,1,1,0,0,0,0",
                "Total,Tổng cộng,6,1,1,1,1,0.5",
                "",
            ], System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n"));
    }

    [Fact]
    public async Task GetNominationReport_AfterAnotherSubmission_ChangesItsETag()
    {
        await ArrangeQuarters();
        var before = await Client.GetAsync(Url + "?groupBy=Quarter");
        await before.ExpectJson(HttpStatusCode.OK);
        await Submit(await Client.CreateDossier("STC", DossiersApi.Person("STC", name: "Mới Nộp", category: "Farmer")), "2026-06-01");

        using var again = new HttpRequestMessage(HttpMethod.Get, Url + "?groupBy=Quarter");
        again.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var response = await Client.SendAsync(again);

        var report = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-Q2 n=2 ok=1 w=0 f=1 s=0 share=0.5", Lines(report)[1]);
    }

    [Theory]
    [InlineData("?groupBy=Quarterly")]
    [InlineData("?year=1800")]
    [InlineData("?type=Nope")]
    public async Task GetNominationReport_BadQuery_Returns400(string query)
    {
        await (await Client.GetAsync(Url + query)).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("?unitCode=NOPE", "unitCode")]
    [InlineData("?proposingUnitCode=NOPE", "proposingUnitCode")]
    public async Task GetNominationReport_UnknownUnit_Returns400OnItsField(string query, string field)
    {
        var problem = await (await Client.GetAsync(Url + query)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]?[field]);
    }
}

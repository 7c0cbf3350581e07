using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Movements;

/// <summary>The lifecycle: draft → launched → interim review (sơ kết) → final review (tổng kết) → closed.</summary>
public sealed class AdvanceMovementTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>Late enough that every step dated in 2026 below has happened; the future-date tests pin their own day.</summary>
    protected override DateOnly? PinnedToday => new(2027, 1, 15);

    [Fact]
    public async Task AdvanceMovement_WhenEveryStepInOrder_RecordsDateDocumentAndResultOfEach()
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();

        var launched = await (await Client.Step(id, "launch", "2026-01-10", "Kế hoạch số 5/KH-UBND", "ignored for a launch")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Launched", (string?)launched["status"]);
        var interim = await (await Client.Step(id, "interim-review", "2026-07-01", "Báo cáo sơ kết số 88/BC-UBND", "  Đạt 60%   kế hoạch ")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("InterimReviewed", (string?)interim["status"]);
        var final = await (await Client.Step(id, "final-review", "2026-12-20", "Báo cáo tổng kết số 200/BC-UBND", "Hoàn thành vượt mức")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("FinalReviewed", (string?)final["status"]);
        var response = await Client.Step(id, "close", "2026-12-31", "Quyết định số 9/QĐ-UBND");
        var closed = await response.ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Closed", (string?)closed["status"]);
        Assert.Equal(closed.ETag(), response.Headers.ETag?.Tag);
        var steps = closed["steps"]!.AsArray();
        Assert.Equal(["Launched", "InterimReviewed", "FinalReviewed", "Closed"], steps.Select(s => (string?)s!["status"]));
        Assert.Equal(["2026-01-10", "2026-07-01", "2026-12-20", "2026-12-31"], steps.Select(s => (string?)s!["date"]));
        Assert.Equal(["Kế hoạch số 5/KH-UBND", "Báo cáo sơ kết số 88/BC-UBND", "Báo cáo tổng kết số 200/BC-UBND", "Quyết định số 9/QĐ-UBND"],
            steps.Select(s => (string?)s!["documentReference"]));
        Assert.Equal([null, "Đạt 60% kế hoạch", "Hoàn thành vượt mức", null], steps.Select(s => (string?)s!["result"]));
        Assert.Equal("Closed", await Factory.ScalarAsync<string>($"SELECT status FROM movements WHERE id = '{id}'"));
    }

    [Fact]
    public async Task AdvanceMovement_WhenFinalReviewWithoutInterim_IsAllowed()
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        await (await Client.Step(id, "launch", "2026-01-10")).ExpectJson(HttpStatusCode.OK);

        var final = await (await Client.Step(id, "final-review", "2026-12-01", "Báo cáo", "Tốt")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("FinalReviewed", (string?)final["status"]);
        Assert.Equal(2, final["steps"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("Draft", "interim-review")]
    [InlineData("Draft", "final-review")]
    [InlineData("Draft", "close")]
    [InlineData("Launched", "launch")]
    [InlineData("Launched", "close")]
    [InlineData("InterimReviewed", "launch")]
    [InlineData("InterimReviewed", "close")]
    [InlineData("FinalReviewed", "launch")]
    [InlineData("FinalReviewed", "interim-review")]
    [InlineData("FinalReviewed", "final-review")]
    [InlineData("Closed", "launch")]
    [InlineData("Closed", "interim-review")]
    [InlineData("Closed", "final-review")]
    [InlineData("Closed", "close")]
    public async Task AdvanceMovement_WhenTransitionIsIllegal_Returns409AndChangesNothing(string status, string action)
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        var before = await Client.Reach(id, status);

        var problem = await (await Client.Step(id, action, "2026-12-31", "Văn bản", "Kết quả")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(status, (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
    }

    [Fact]
    public async Task AdvanceMovement_WhenDateIsBeforeThePreviousStep_Returns409AndChangesNothing()
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        await (await Client.Step(id, "launch", "2026-03-01")).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetMovement(id);

        var problem = await (await Client.Step(id, "interim-review", "2026-02-28", "Báo cáo", "Tốt")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("2026-03-01", (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
    }

    [Theory]
    [InlineData("interim-review")]
    [InlineData("final-review")]
    public async Task AdvanceMovement_WhenReviewHasNoResult_IsRefusedAndChangesNothing(string action)
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        await (await Client.Step(id, "launch", "2026-01-10")).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetMovement(id);

        var response = await Client.Step(id, action, "2026-07-01", "Báo cáo", "   ");

        // A review records a short result text: the API refuses it as a broken business rule.
        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("result", (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
    }

    [Fact]
    public async Task AdvanceMovement_WhenIfMatchIsStale_Returns412AndChangesNothing()
    {
        var created = await Client.CreateMovement("Phong trào A");
        await (await Client.Send(HttpMethod.Put, $"{MovementsApi.Url}/{created.Id()}", MovementsApi.Body("Phong trào A", slogan: "Mới")))
            .ExpectJson(HttpStatusCode.OK);

        await (await Client.Step(created.Id(), "launch", "2026-01-10", ifMatch: created.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal("Draft", (string?)(await Client.GetMovement(created.Id()))["status"]);
    }

    [Fact]
    public async Task AdvanceMovement_WhenLaunchedConcurrently_RecordsOneLaunchAndRefusesTheRestWith409()
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Client.Step(id, "launch", $"2026-01-{i + 1:D2}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await refused.ExpectProblem(HttpStatusCode.Conflict);
        var movement = await Client.GetMovement(id);
        Assert.Single(movement["steps"]!.AsArray());
        Assert.Equal("Launched", (string?)movement["status"]);
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("interim-review")]
    [InlineData("final-review")]
    [InlineData("close")]
    public async Task AdvanceMovement_WhenDatedAfterToday_Returns409AndChangesNothing(string action)
    {
        Factory.PinToday(new DateOnly(2026, 6, 30));
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        var path = MovementsApi.Actions.TakeWhile(a => a != action).ToList();
        foreach (var (step, i) in path.Select((a, i) => (a, i)))
            await (await Client.Step(id, step, $"2026-0{i + 1}-15", "Văn bản", "Kết quả")).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetMovement(id);

        var problem = await (await Client.Step(id, action, "2026-07-01", "Văn bản", "Kết quả")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.EndsWith("cannot be dated in the future (2026-07-01 is after 2026-06-30).", (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
        var today = await (await Client.Step(id, action, "2026-06-30", "Văn bản", "Kết quả")).ExpectJson(HttpStatusCode.OK); // today itself is fine
        Assert.Equal("2026-06-30", (string?)today["steps"]!.AsArray()[^1]!["date"]);
    }

    [Fact]
    public async Task AdvanceMovement_WhenDatedAfterTodayInBacNinh_IsRefusedEvenIfStillTodayInUtc()
    {
        // 2026-06-30T18:00Z is already 1 July, 01:00, in Bắc Ninh (UTC+7): 1 July is today, 2 July is the future.
        Factory.PinClock(new DateTimeOffset(2026, 6, 30, 18, 0, 0, TimeSpan.Zero));
        var id = (await Client.CreateMovement("Phong trào A")).Id();

        await (await Client.Step(id, "launch", "2026-07-02")).ExpectProblem(HttpStatusCode.Conflict);
        var launched = await (await Client.Step(id, "launch", "2026-07-01")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Launched", (string?)launched["status"]);
    }

    [Theory]
    [InlineData("interim-review")]
    [InlineData("final-review")]
    public async Task AdvanceMovement_WhenAReviewIsDatedBeforeThePeriodStarts_Returns409AndChangesNothing(string action)
    {
        // Launched in December for a period that starts in January: the launch may precede the period, a review may not.
        var id = (await Client.CreateMovement("Phong trào A", startDate: "2026-01-01")).Id();
        await (await Client.Step(id, "launch", "2025-12-20")).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetMovement(id);

        var problem = await (await Client.Step(id, action, "2025-12-31", "Báo cáo", "Tốt")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("A review cannot be dated 2025-12-31, before the movement's period starts on 2026-01-01.", (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
    }

    private Task<HttpResponseMessage> Interim(string id, string date, string document, string result, string? period = null) =>
        Client.Send(HttpMethod.Post, $"{MovementsApi.Url}/{id}/interim-review", new { date, documentReference = document, result, period });

    [Fact]
    public async Task ReviewMovementInterim_WhenAMultiYearMovementIsReviewedEachYear_ListsEveryReviewInDateOrderThenTheFinalOne()
    {
        Factory.PinToday(new DateOnly(2031, 1, 31));
        var id = (await Client.CreateMovement("Phong trào 2026-2030", form: "Regular", startDate: "2026-01-01", endDate: "2030-12-31")).Id();
        await (await Client.Step(id, "launch", "2026-01-10", "Kế hoạch số 5/KH-UBND")).ExpectJson(HttpStatusCode.OK);

        await (await Interim(id, "2026-12-20", "Báo cáo sơ kết năm 2026", "Đạt 60%")).ExpectJson(HttpStatusCode.OK); // period: the date's year
        await (await Interim(id, "2027-06-30", "Báo cáo sơ kết 6 tháng", "Đạt 70%", "6 tháng đầu năm 2027")).ExpectJson(HttpStatusCode.OK);
        await (await Interim(id, "2028-01-15", "Báo cáo sơ kết năm 2027", "Đạt 80%", "2027")).ExpectJson(HttpStatusCode.OK);
        var final = await (await Client.Step(id, "final-review", "2030-12-20", "Báo cáo tổng kết", "Hoàn thành")).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("FinalReviewed", (string?)final["status"]);
        var reviews = final["interimReviews"]!.AsArray();
        Assert.Equal(["2026", "6 tháng đầu năm 2027", "2027"], reviews.Select(r => (string?)r!["period"]));
        Assert.Equal(["2026-12-20", "2027-06-30", "2028-01-15"], reviews.Select(r => (string?)r!["date"]));
        Assert.Equal(["Báo cáo sơ kết năm 2026", "Báo cáo sơ kết 6 tháng", "Báo cáo sơ kết năm 2027"], reviews.Select(r => (string?)r!["documentReference"]));
        Assert.Equal(["Đạt 60%", "Đạt 70%", "Đạt 80%"], reviews.Select(r => (string?)r!["result"]));
        Assert.Equal("2030-12-20", (string?)final["finalReview"]!["date"]);
        Assert.Equal("Hoàn thành", (string?)final["finalReview"]!["result"]);
        Assert.Equal(["Launched", "InterimReviewed", "InterimReviewed", "InterimReviewed", "FinalReviewed"],
            final["steps"]!.AsArray().Select(s => (string?)s!["status"]));
        Assert.Equal(final.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
        Assert.Equal(3L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM movements, jsonb_array_elements(steps) s WHERE id = '{id}' AND s ->> 'period' IS NOT NULL"));

        var after = await (await Interim(id, "2030-12-31", "Báo cáo", "Muộn", "2030")).ExpectProblem(HttpStatusCode.Conflict); // the final review closed the series
        Assert.Contains("FinalReviewed", (string?)after["detail"]);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "2026")]
    [InlineData("2026", null)]
    [InlineData("Năm 2026", " năm  2026. ")]
    public async Task ReviewMovementInterim_WhenThePeriodIsAlreadyReviewed_Returns409AndChangesNothing(string? first, string? second)
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        await (await Client.Step(id, "launch", "2026-01-10")).ExpectJson(HttpStatusCode.OK);
        await (await Interim(id, "2026-06-30", "Báo cáo sơ kết", "Đạt 50%", first)).ExpectJson(HttpStatusCode.OK);
        var before = await Client.GetMovement(id);

        var problem = await (await Interim(id, "2026-12-20", "Báo cáo sơ kết lần 2", "Đạt 90%", second)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal($"The interim review of {first ?? "2026"} is already recorded (2026-06-30); one interim review per year or period.", (string?)problem["detail"]);
        Assert.Equal(before.ToJsonString(), (await Client.GetMovement(id)).ToJsonString());
        Assert.Single(before["interimReviews"]!.AsArray());
    }

    [Fact]
    public async Task ReviewMovementInterim_WhenThePeriodIsTooLong_Returns400()
    {
        var id = (await Client.CreateMovement("Phong trào A")).Id();
        await (await Client.Step(id, "launch", "2026-01-10")).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Interim(id, "2026-06-30", "Báo cáo", "Tốt", new string('x', 101))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["period"]);
        Assert.Equal("Launched", (string?)(await Client.GetMovement(id))["status"]);
    }
}

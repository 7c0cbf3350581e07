using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>draft → submitted → received → under appraisal ⇄ returned → appraised → council review → decided | forwarded → decided.</summary>
public sealed class DossierLifecycleTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
    }

    [Fact]
    public async Task Steps_WhenTakenInOrder_RecordWhoWhenAndDocument_AndDecidePerNominee()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", name: "Phạm Thị Dung"));
        var dated = new[] { ("submit", "2026-11-02"), ("receive", "2026-11-03"), ("start-appraisal", "2026-11-04"), ("appraise", "2026-11-20"), ("refer-to-council", "2026-11-25") };
        foreach (var (action, date) in dated)
            dossier = await (await Client.Step(dossier.Id(), action, new { date, documentReference = $"Số {action}", note = "  ghi   chú " })).ExpectJson(HttpStatusCode.OK);
        var ids = dossier["nominees"]!.AsArray().Select(n => (string)n!["id"]!).ToArray();

        var response = await Client.Step(dossier.Id(), "decide", new
        {
            date = "2026-12-01", documentReference = "Quyết định số 123/QĐ-UBND",
            outcomes = new object[] { new { nomineeId = ids[0], outcome = "Approved" }, new { nomineeId = ids[1], outcome = "NotApproved", reason = "Chưa đủ thời gian công tác." } },
        }, dossier.ETag());
        var decided = await response.ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Decided", (string?)decided["status"]);
        Assert.Equal(decided.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal(["Approved", "NotApproved"], decided["nominees"]!.AsArray().Select(n => (string?)n!["outcome"]));
        Assert.Equal([null, "Chưa đủ thời gian công tác."], decided["nominees"]!.AsArray().Select(n => (string?)n!["outcomeReason"]));
        var steps = decided["steps"]!.AsArray();
        Assert.Equal(["Submit", "Receive", "StartAppraisal", "Appraise", "ReferToCouncil", "Decide"], steps.Select(s => (string?)s!["kind"]));
        Assert.Equal(["Submitted", "Received", "UnderAppraisal", "Appraised", "InCouncilReview", "Decided"], steps.Select(s => (string?)s!["status"]));
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-20", "2026-11-25", "2026-12-01"], steps.Select(s => (string?)s!["date"]));
        Assert.Equal("Số submit", (string?)steps[0]!["documentReference"]);
        Assert.Equal("ghi chú", (string?)steps[0]!["note"]);
        Assert.Equal("Quyết định số 123/QĐ-UBND", (string?)steps[5]!["documentReference"]);
        Assert.All(steps, s => Assert.False(string.IsNullOrEmpty((string?)s!["by"])));
        Assert.Equal("2026-11-03", (string?)decided["receivedOn"]);
        Assert.Null(decided["appraisalDueOn"]);
    }

    [Fact]
    public async Task Return_ThenResubmit_GoesBackToSubmitted_AndTheClockRestartsAtTheNewReceipt()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "UnderAppraisal");

        var returned = await (await Client.Step(dossier.Id(), "return", new { reason = "Thiếu biên bản họp xét.", resubmitBy = "2026-12-20", documentReference = "CV 5/SNV" }))
            .ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Returned", (string?)returned["status"]);
        Assert.Equal("2026-12-20", (string?)returned["resubmitBy"]);
        Assert.Equal("Thiếu biên bản họp xét.", (string?)returned["steps"]!.AsArray()[^1]!["note"]);
        Assert.Equal("2026-12-20", (string?)returned["steps"]!.AsArray()[^1]!["resubmitBy"]);

        var completed = await (await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}",
            DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A", name: "Nguyễn Văn An")], period: "Năm 2026"), returned.ETag())).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Năm 2026", (string?)completed["period"]);
        var resubmitted = await (await Client.Step(dossier.Id(), "submit")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Submitted", (string?)resubmitted["status"]);
        Assert.Null(resubmitted["resubmitBy"]);
        Factory.PinToday(new DateOnly(2026, 12, 15));
        var received = await (await Client.Step(dossier.Id(), "receive")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-12-15", (string?)received["receivedOn"]);
        Assert.Equal("2027-01-04", (string?)received["appraisalDueOn"]);
    }

    [Fact]
    public async Task Return_WithoutReasonOrDeadline_Returns400_AndBeforeTheReturn_Returns409()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "Received");

        var problem = await (await Client.Step(dossier.Id(), "return", new { documentReference = "x" })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["reason", "resubmitBy"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        problem = await (await Client.Step(dossier.Id(), "return", new { reason = "Thiếu", resubmitBy = "2026-12-01" })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("2026-12-01", (string?)problem["detail"]);
        Assert.Equal("Received", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task Forward_WhenStateAward_ThenDecisionRecordedWhenItComesBack()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A", DossiersApi.StateAward)), "InCouncilReview");

        var atCouncil = await (await Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(dossier))).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("forwarded to a higher level", (string?)atCouncil["detail"]);
        var forwarded = await (await Client.Step(dossier.Id(), "forward", new { documentReference = "Tờ trình số 9/TTr-UBND" })).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Forwarded", (string?)forwarded["status"]);
        var decided = await (await Client.Step(dossier.Id(), "decide", DossiersApi.DecideBody(forwarded))).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Decided", (string?)decided["status"]);
        Assert.Equal(["Approved"], decided["nominees"]!.AsArray().Select(n => (string?)n!["outcome"]));
        Assert.Equal(["Forward", "Decide"], decided["steps"]!.AsArray().TakeLast(2).Select(s => (string?)s!["kind"]));
    }

    [Fact]
    public async Task Forward_WhenOnlyProvincialAwards_Returns409()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "InCouncilReview");

        var problem = await (await Client.Step(dossier.Id(), "forward")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("state or Government award", (string?)problem["detail"]);
        Assert.Equal("InCouncilReview", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task Decide_WhenNomineesMissingUnknownOrWithoutReason_Returns400AndDecidesNothing()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A", DossiersApi.Person("SO-A"), DossiersApi.UnitNominee("XA-B")), "InCouncilReview");
        var first = (string)dossier["nominees"]![0]!["id"]!;

        var problem = await (await Client.Step(dossier.Id(), "decide", new
        {
            documentReference = "Quyết định số 1/QĐ-UBND",
            outcomes = new object[]
            {
                new { nomineeId = first, outcome = "NotApproved" },
                new { nomineeId = "0190e1a0-0000-7000-8000-000000000000", outcome = "Approved" },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["outcomes[0].reason"], problem["errors"]!.AsObject().Select(e => e.Key));
        problem = await (await Client.Step(dossier.Id(), "decide", new
        {
            documentReference = "Quyết định số 1/QĐ-UBND",
            outcomes = new object[] { new { nomineeId = first, outcome = "Approved" }, new { nomineeId = "0190e1a0-0000-7000-8000-000000000000", outcome = "Approved" } },
        })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["outcomes", "outcomes[1].nomineeId"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        var now = await Client.GetDossier(dossier.Id());
        Assert.Equal("InCouncilReview", (string?)now["status"]);
        Assert.All(now["nominees"]!.AsArray(), n => Assert.Null((string?)n!["outcome"]));
    }

    public static TheoryData<string, string> IllegalSteps()
    {
        var legal = new Dictionary<string, string[]>
        {
            ["Draft"] = ["submit"],
            ["Submitted"] = ["receive"],
            ["Received"] = ["start-appraisal", "return"],
            ["UnderAppraisal"] = ["return", "appraise"],
            ["Returned"] = ["submit"],
            ["Appraised"] = ["refer-to-council"],
            ["InCouncilReview"] = ["decide", "forward"],
            ["Decided"] = [],
        };
        string[] actions = ["submit", "receive", "start-appraisal", "return", "appraise", "refer-to-council", "forward", "decide"];
        var data = new TheoryData<string, string>();
        foreach (var (status, allowed) in legal)
            foreach (var action in actions.Except(allowed))
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalSteps))]
    public async Task Step_WhenTheStatusDoesNotAllowIt_Returns409NamingBoth_AndChangesNothing(string status, string action)
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), status);
        var body = action switch { "return" => DossiersApi.ReturnBody(), "decide" => DossiersApi.DecideBody(dossier), _ => null };

        var problem = await (await Client.Step(dossier.Id(), action, body)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains($"A dossier that is {status} cannot", (string?)problem["detail"]);
        var now = await Client.GetDossier(dossier.Id());
        Assert.Equal(status, (string?)now["status"]);
        Assert.Equal(dossier.ETag(), now.ETag());
        Assert.Equal(dossier["steps"]!.AsArray().Count, now["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task Step_WhenDatedInTheFutureOrBeforeThePreviousStep_Returns409()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");
        await (await Client.Step(dossier.Id(), "submit", new { date = "2026-12-05" })).ExpectJson(HttpStatusCode.OK);

        var future = await (await Client.Step(dossier.Id(), "receive", new { date = "2026-12-11" })).ExpectProblem(HttpStatusCode.Conflict);
        var before = await (await Client.Step(dossier.Id(), "receive", new { date = "2026-12-04" })).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("future", (string?)future["detail"]);
        Assert.Contains("before the previous step", (string?)before["detail"]);
        Assert.Equal("Submitted", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }
}

/// <summary>Two editors take the same dossier's next step at once: both read it before either writes; one step is
/// recorded, the other is refused (409, a concurrent change) — never both.</summary>
public sealed class DossierConcurrencyTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    [Fact]
    public async Task TwoEditors_TakingStepsAtOnce_RecordOneAndRefuseTheOther()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A");
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "UnderAppraisal");

        Task<HttpResponseMessage> appraise, giveBack;
        await using (var gate = await Factory.HoldWritesAsync("dossiers"))
        {
            appraise = Client.Step(dossier.Id(), "appraise");
            giveBack = Client.Step(dossier.Id(), "return", DossiersApi.ReturnBody());
            await gate.WaitForWaitingWritersAsync(2);
        }
        var responses = await Task.WhenAll(appraise, giveBack);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ExpectJson(HttpStatusCode.OK);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ExpectProblem(HttpStatusCode.Conflict);
        var now = await Client.GetDossier(dossier.Id());
        Assert.Equal((string?)winner["status"], (string?)now["status"]);
        Assert.Equal(dossier["steps"]!.AsArray().Count + 1, now["steps"]!.AsArray().Count);
    }
}

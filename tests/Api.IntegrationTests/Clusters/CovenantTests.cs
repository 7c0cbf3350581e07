using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Clusters;

/// <summary>The covenant (giao ước thi đua): criteria while a draft, then signing (ký kết), then the published evaluation.</summary>
public sealed class CovenantTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> ScoreCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM member_scores");

    [Fact]
    public async Task SetCovenantCriteria_WhenNoCovenantYet_CreatesADraftWithTheCriteria()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var response = await Client.SetCriteria(cluster.Id(), [
            ClustersApi.Criterion("  Thực hiện nhiệm vụ chính trị ", 70), ClustersApi.Criterion("Điểm thưởng", 10, "Bonus"),
            ClustersApi.Criterion("Điểm trừ", 5.5m, "Penalty"),
        ]);

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal(cluster.Id(), (string?)body["clusterId"]);
        Assert.Equal("Draft", (string?)body["status"]);
        var criteria = body["criteria"]!.AsArray();
        Assert.Equal(["Thực hiện nhiệm vụ chính trị", "Điểm thưởng", "Điểm trừ"], criteria.Select(c => (string?)c!["name"]));
        Assert.Equal([70m, 10m, 5.5m], criteria.Select(c => (decimal)c!["maxPoints"]!));
        Assert.Equal(["Standard", "Bonus", "Penalty"], criteria.Select(c => (string?)c!["kind"]));
        Assert.Null(body["signedOn"]);
        Assert.Empty(body["signatories"]!.AsArray());
        Assert.Empty(body["scores"]!.AsArray());
        Assert.Equal(body.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString());
    }

    [Fact]
    public async Task SetCovenantCriteria_WhenDraftExists_ReplacesTheCriteriaAndRefusesAStaleIfMatch()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        var first = await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí 1", 50)])).ExpectJson(HttpStatusCode.OK);

        var second = await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí A", 60), ClustersApi.Criterion("Tiêu chí B", 40)], first.ETag()))
            .ExpectJson(HttpStatusCode.OK);
        await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí X", 1)], first.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal((string?)first["id"], (string?)second["id"]);
        Assert.Equal(["Tiêu chí A", "Tiêu chí B"], (await Client.GetCovenant(cluster.Id()))["criteria"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }

    [Fact]
    public async Task SetCovenantCriteria_GivesEachCriterionAnIdAndACode_DerivedWhenNotGivenAndUniqueInTheCovenant()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var body = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant", new
        {
            criteria = new object[]
            {
                new { name = "Nhiệm vụ chính trị", maxPoints = 70, kind = "Standard" },
                new { name = "Điểm thưởng", maxPoints = 10, kind = "Bonus", code = "TC3" },
                new { name = "Điểm trừ", maxPoints = 10, kind = "Penalty" },
            },
        })).ExpectJson(HttpStatusCode.OK);

        var criteria = body["criteria"]!.AsArray();
        Assert.Equal(["TC1", "TC3", "TC4"], criteria.Select(c => (string?)c!["code"])); // the third's own "TC3" is taken, so the next free number
        Assert.Equal(3, criteria.Select(c => Guid.Parse((string)c!["id"]!)).Distinct().Count());
        Assert.Equal(body.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString());
    }

    [Fact]
    public async Task SetCovenantCriteria_WhenACriterionIsSentWithItsId_KeepsTheIdAndNewOnesGetNewIds()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        var first = await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí 1", 50), ClustersApi.Criterion("Tiêu chí 2", 50)]))
            .ExpectJson(HttpStatusCode.OK);
        var keptId = (string)first["criteria"]![1]!["id"]!;

        var second = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant", new
        {
            criteria = new object[]
            {
                new { id = keptId, name = "Tiêu chí 2 (sửa)", maxPoints = 60, kind = "Standard", code = "NV" },
                new { name = "Tiêu chí 3", maxPoints = 40, kind = "Standard" },
            },
        })).ExpectJson(HttpStatusCode.OK);

        var criteria = second["criteria"]!.AsArray();
        Assert.Equal(keptId, (string?)criteria[0]!["id"]);
        Assert.Equal("NV", (string?)criteria[0]!["code"]);
        Assert.Equal("Tiêu chí 2 (sửa)", (string?)criteria[0]!["name"]);
        Assert.DoesNotContain((string?)criteria[1]!["id"], first["criteria"]!.AsArray().Select(c => (string?)c!["id"]));
        Assert.Equal("TC2", (string?)criteria[1]!["code"]);
    }

    [Fact]
    public async Task SetCovenantCriteria_WhenAnIdIsNotOneOfTheCovenantsCriteria_Returns400NamingTheRowAndWritesNothing()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        var first = await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí 1", 50)])).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant", new
        {
            criteria = new object[]
            {
                new { name = "Tiêu chí mới", maxPoints = 10, kind = "Standard" },
                new { id = ClustersApi.NoSuchCriterion, name = "Tiêu chí lạ", maxPoints = 10, kind = "Standard" },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(ClustersApi.NoSuchCriterion, (string?)problem["errors"]!["criteria[1].id"]![0]);
        Assert.Equal(first.ToJsonString(), (await Client.GetCovenant(cluster.Id())).ToJsonString());
    }

    [Fact]
    public async Task SetCovenantCriteria_WhenSeveralRowsRepeatANameOrCode_Returns400NamingEveryRepeat()
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var problem = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant", new
        {
            criteria = new object[]
            {
                new { name = "Tiêu chí 1", maxPoints = 10, kind = "Standard", code = "A" },
                new { name = "tiêu chí 1", maxPoints = 10, kind = "Standard", code = "B" },
                new { name = "Tiêu chí 3", maxPoints = 10, kind = "Standard", code = "a" },
                new { name = "Tiêu chí 4", maxPoints = 0, kind = "Standard" },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["criteria[1].name", "criteria[2].code", "criteria[3].maxPoints"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }

    [Theory]
    [InlineData("""{"criteria":[]}""", "criteria")]
    [InlineData("""{}""", "criteria")]
    [InlineData("""{"criteria":[{"name":"","maxPoints":10,"kind":"Standard"}]}""", "criteria[0].name")]
    [InlineData("""{"criteria":[{"name":"A","maxPoints":0,"kind":"Standard"}]}""", "criteria[0].maxPoints")]
    [InlineData("""{"criteria":[{"name":"A","maxPoints":10001,"kind":"Standard"}]}""", "criteria[0].maxPoints")]
    [InlineData("""{"criteria":[{"name":"A","maxPoints":10,"kind":"Extra"}]}""", "criteria[0].kind")]
    public async Task SetCovenantCriteria_WhenInvalid_Returns400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var cluster = await Client.CreateCluster(2026, "Cụm 1");

        var problem = await (await Client.PutAsync($"{ClustersApi.Url}/{cluster.Id()}/covenant", TestHttp.Json(json))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }

    [Fact]
    public async Task SignCovenant_WhenNoSignatoriesListed_EveryMemberSigns()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");

        var response = await Client.Sign(cluster.Id(), "2026-03-20");

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Signed", (string?)body["status"]);
        Assert.Equal("2026-03-20", (string?)body["signedOn"]);
        var memberIds = cluster["members"]!.AsArray().Select(m => (string)m!["unit"]!["id"]!).Order();
        Assert.Equal(memberIds, body["signatories"]!.AsArray().Select(s => (string)s!["id"]!).Order());
        Assert.Equal(["A", "B", "C"], body["signatories"]!.AsArray().Select(s => (string?)s!["code"]));
        Assert.Equal(["Đơn vị A", "Đơn vị B", "Đơn vị C"], body["signatories"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task SignCovenant_WhenTheClusterHasNoLeader_Returns409AndStaysADraft()
    {
        await Client.CreateUnits("A", "B");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Deputy"), ("B", "Member")]);
        await (await Client.SetCriteria(cluster.Id(), [ClustersApi.Criterion("Tiêu chí 1", 10)])).ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.Sign(cluster.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("leader", (string?)problem["detail"]);
        Assert.Equal("Draft", (string?)(await Client.GetCovenant(cluster.Id()))["status"]);
    }

    [Fact]
    public async Task SignCovenant_WhenASignatoryIsNotAMemberOrUnknown_Returns400NamingItAndStaysADraft()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        await Client.CreateUnits("OUTSIDER");

        var outsider = await (await Client.Sign(cluster.Id(), signatoryUnitCodes: ["A", "OUTSIDER"])).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["signatoryUnitCodes[1]"], outsider["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal("'OUTSIDER' is not a member of this cluster.", (string?)outsider["errors"]!["signatoryUnitCodes[1]"]![0]);
        var unknown = await (await Client.Sign(cluster.Id(), signatoryUnitCodes: ["A", "GHOST"])).ExpectProblem(HttpStatusCode.BadRequest);
        var missingDate = await (await Client.Send(HttpMethod.Post, $"{ClustersApi.Url}/{cluster.Id()}/covenant/sign", new { })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal("No unit has the code 'GHOST'.", (string?)unknown["errors"]!["signatoryUnitCodes[1]"]![0]);
        Assert.NotNull(missingDate["errors"]!["signedOn"]);
        Assert.Equal("Draft", (string?)(await Client.GetCovenant(cluster.Id()))["status"]);
    }

    [Fact]
    public async Task SignCovenant_WhenTheBodyIsMalformedAndNamesUnknownAndOutsideUnits_Returns400NamingEveryFieldAtOnce()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        await Client.CreateUnits("OUTSIDER");

        var problem = await (await Client.Send(HttpMethod.Post, $"{ClustersApi.Url}/{cluster.Id()}/covenant/sign",
            new { signatoryUnitCodes = new[] { "bad code!", "GHOST", "OUTSIDER", "A" } })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["signatoryUnitCodes[0]", "signatoryUnitCodes[1]", "signatoryUnitCodes[2]", "signedOn"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Single(errors["signatoryUnitCodes[0]"]!.AsArray());
        Assert.Contains("is not a valid unit code", (string?)errors["signatoryUnitCodes[0]"]![0], StringComparison.Ordinal);
        Assert.Equal("No unit has the code 'GHOST'.", (string?)errors["signatoryUnitCodes[1]"]![0]);
        Assert.Equal("'OUTSIDER' is not a member of this cluster.", (string?)errors["signatoryUnitCodes[2]"]![0]);
        Assert.Equal("Draft", (string?)(await Client.GetCovenant(cluster.Id()))["status"]);
    }

    [Fact]
    public async Task SetCovenantCriteria_WhenARowIsMalformedAndAnotherNamesAnUnknownId_Returns400NamingBothAtOnce()
    {
        await Client.CreateUnits("A");
        var cluster = await Client.CreateCluster(2026, "Cụm 1", members: [("A", "Leader")]);

        var problem = await (await Client.Send(HttpMethod.Put, $"{ClustersApi.Url}/{cluster.Id()}/covenant", new
        {
            criteria = new object[]
            {
                new { name = "", maxPoints = 10 },
                new { name = "Điểm thưởng", maxPoints = 10, id = ClustersApi.NoSuchCriterion },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["criteria[0].name", "criteria[1].id"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.StartsWith($"The covenant has no criterion {ClustersApi.NoSuchCriterion}", (string?)problem["errors"]!["criteria[1].id"]![0]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM covenants"));
    }

    /// <summary>Takes the covenant of a fresh cluster (A leader, B deputy, C member) to Draft, Signed or Evaluated.</summary>
    private async Task<string> CovenantIn(string status)
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B", "C");
        if (status is "Signed" or "Evaluated") await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        if (status is "Signed" or "Evaluated") await (await Client.RecordScores(cluster.Id(), [("A", 0, 70m)])).ExpectJson(HttpStatusCode.OK);
        if (status is "Evaluated") await (await Client.Publish(cluster.Id())).ExpectJson(HttpStatusCode.OK);
        return cluster.Id();
    }

    private Task<HttpResponseMessage> Act(string clusterId, string action) => action switch
    {
        "sign" => Client.Sign(clusterId, "2026-04-01"),
        "criteria" => Client.SetCriteria(clusterId, [ClustersApi.Criterion("Tiêu chí mới", 100)]),
        "score" => Client.RecordScores(clusterId, [("B", 0, 60m)]),
        "publish" => Client.Publish(clusterId, "2026-12-31"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Theory]
    [InlineData("Draft", "score")]
    [InlineData("Draft", "publish")]
    [InlineData("Signed", "sign")]
    [InlineData("Signed", "criteria")]
    [InlineData("Evaluated", "sign")]
    [InlineData("Evaluated", "criteria")]
    [InlineData("Evaluated", "score")]
    [InlineData("Evaluated", "publish")]
    public async Task Covenant_WhenTheStepIsIllegalInItsStatus_Returns409AndChangesNothing(string status, string action)
    {
        var clusterId = await CovenantIn(status);
        var before = await Client.GetCovenant(clusterId);
        var scores = await ScoreCount();

        await (await Act(clusterId, action)).ExpectProblem(HttpStatusCode.Conflict);

        var after = await Client.GetCovenant(clusterId);
        Assert.Equal(status, (string?)after["status"]);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(scores, await ScoreCount());
    }

    [Fact]
    public async Task PublishEvaluation_WhenNobodyIsScored_Returns409AndStaysSigned()
    {
        var cluster = await Client.CreateClusterWithCovenant("A", "B");
        await (await Client.Sign(cluster.Id())).ExpectJson(HttpStatusCode.OK);

        await (await Client.Publish(cluster.Id())).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("Signed", (string?)(await Client.GetCovenant(cluster.Id()))["status"]);
    }

    [Fact]
    public async Task PublishEvaluation_WhenSignedAndScored_MakesTheCovenantEvaluated()
    {
        var clusterId = await CovenantIn("Signed");

        var response = await Client.Publish(clusterId, "2026-12-25");

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Evaluated", (string?)body["status"]);
        Assert.Equal("2026-12-25", (string?)body["evaluatedOn"]);
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        var missingDate = await (await Client.Send(HttpMethod.Post, $"{ClustersApi.Url}/{clusterId}/covenant/publish", new { })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(missingDate["errors"]!["evaluatedOn"]);
    }
}

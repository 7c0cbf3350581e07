using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Movements;

public sealed class CreateMovementTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<long> MovementCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM movements");

    [Fact]
    public async Task CreateMovement_WhenValid_Returns201DraftWithLocationETagAndEveryField()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("X-GB", "Xã Gia Bình", "Commune");
        var cluster = await Client.CreateCluster(2026, "Cụm thi đua số 1");
        var parent = await Client.CreateMovement("Thi đua đổi mới, sáng tạo, tăng tốc, bứt phá", form: "Regular", launcherLevel: "PrimeMinister",
            startDate: "2026-01-01", endDate: "2030-12-31");

        var response = await Client.PostJson(MovementsApi.Url, MovementsApi.Body(
            "  80 ngày đêm cao điểm   giải phóng mặt bằng  ", form: "Thematic", launcherLevel: "Province", startDate: "2026-02-01",
            endDate: "2026-04-21", slogan: "Thần tốc – hiệu quả", launchDocument: "Kế hoạch số 12/KH-UBND", scope: "Tỉnh Bắc Ninh",
            parentMovementId: parent.Id(), participantUnitCodes: ["snv", "X-GB"], participantClusterIds: [cluster.Id()]));

        var body = await response.ExpectJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/movements/{body.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal("80 ngày đêm cao điểm giải phóng mặt bằng", (string?)body["name"]);
        Assert.Equal("Thần tốc – hiệu quả", (string?)body["slogan"]);
        Assert.Equal("Thematic", (string?)body["form"]);
        Assert.Equal("Province", (string?)body["launcherLevel"]);
        Assert.Equal("Kế hoạch số 12/KH-UBND", (string?)body["launchDocument"]);
        Assert.Equal("2026-02-01", (string?)body["startDate"]);
        Assert.Equal("2026-04-21", (string?)body["endDate"]);
        Assert.Equal("Tỉnh Bắc Ninh", (string?)body["scope"]);
        Assert.Equal(parent.Id(), (string?)body["parentMovementId"]);
        Assert.Equal("Draft", (string?)body["status"]);
        Assert.Empty(body["steps"]!.AsArray());
        Assert.Empty(body["planIds"]!.AsArray());
        var participants = body["participants"]!.AsArray();
        Assert.Equal(3, participants.Count);
        Assert.Contains(participants, p => (string?)p!["unit"]?["code"] == "SNV" && (string?)p["unit"]!["name"] == "Sở Nội vụ"
            && (string?)p["unit"]!["kind"] == "Department" && p["unit"]!["id"] is not null && p["cluster"] is null);
        Assert.Contains(participants, p => (string?)p!["unit"]?["code"] == "X-GB" && (string?)p["unit"]!["name"] == "Xã Gia Bình"
            && (string?)p["unit"]!["kind"] == "Commune" && p["cluster"] is null);
        Assert.Contains(participants, p => (string?)p!["cluster"]?["id"] == cluster.Id() && (string?)p["cluster"]!["name"] == "Cụm thi đua số 1"
            && (int?)p["cluster"]!["year"] == 2026 && p["unit"] is null);

        var reread = await Client.GetMovement(body.Id());
        Assert.Equal(body.ToJsonString(), reread.ToJsonString());
    }

    [Fact]
    public async Task CreateMovement_WhenTheStartDateIsNotKnown_Returns201WithoutOne()
    {
        var body = await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Bình dân học vụ số", startDate: null)))
            .ExpectJson(HttpStatusCode.Created);

        Assert.Null(body["startDate"]);
        Assert.Null(body["endDate"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM movements WHERE id = '{body.Id()}' AND start_date IS NULL"));
    }

    [Fact]
    public async Task CreateMovement_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndWritesNothing()
    {
        var problem = await (await Client.PostJson(MovementsApi.Url, new
        {
            name = "   ", startDate = "2026-05-01", endDate = "2026-04-30", slogan = new string('x', 4001),
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("name", errors);
        Assert.Contains("form", errors);
        Assert.Contains("launcherLevel", errors);
        Assert.Contains("endDate", errors);
        Assert.Contains("slogan", errors);
        Assert.Equal(0L, await MovementCount());
    }

    [Fact]
    public async Task CreateMovement_WhenReferencesUnknown_Returns400OnEachFieldAndWritesNothing()
    {
        var ghost = Guid.NewGuid().ToString();

        var problem = await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body("Phong trào A", parentMovementId: ghost,
            participantUnitCodes: ["NOPE"], participantClusterIds: [ghost], planIds: [ghost]))).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!;
        Assert.Contains(ghost, (string?)errors["parentMovementId"]![0]);
        Assert.Equal("No unit has the code 'NOPE'.", (string?)errors["participantUnitCodes[0]"]![0]);
        Assert.Contains(ghost, (string?)errors["participantClusterIds"]![0]);
        Assert.Contains(ghost, (string?)errors["planIds"]![0]);
        Assert.Equal(0L, await MovementCount());
    }

    [Theory]
    [InlineData("Cán bộ, công chức, viên chức thi đua thực hiện văn hoá công sở")]   // old tone placement
    [InlineData("CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC THI ĐUA THỰC HIỆN VĂN HÓA CÔNG SỞ.")]    // case, trailing period
    [InlineData("Cán bộ,  công chức, viên chức   thi đua thực hiện văn hóa công sở ")] // white space
    public async Task CreateMovement_WhenNameRegisteredUnderAnotherSpelling_Returns409AndWritesNothing(string spelling)
    {
        await Client.CreateMovement("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở");

        var problem = await (await Client.PostJson(MovementsApi.Url, MovementsApi.Body(spelling))).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("already registered", (string?)problem["detail"]);
        Assert.Equal(1L, await MovementCount());
    }

    [Fact]
    public async Task CreateMovement_WhenSameNameSentConcurrently_RegistersItOnceAndRefusesTheRestWith409()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => Client.PostJson(MovementsApi.Url, MovementsApi.Body("Bình dân học vụ số"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(1L, await MovementCount());
    }
}

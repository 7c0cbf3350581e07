using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>Drafting, rewriting and deleting dossiers: nominees of every kind, awards that must suit them, If-Match.</summary>
public sealed class CreateDossierTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
    }

    [Fact]
    public async Task CreateDossier_WhenEveryKindOfNominee_Returns201WithNamedUnitsAndAwards()
    {
        await Arrange();
        var movement = await Client.CreateMovement("Phong trào thi đua chuyển đổi số");

        var response = await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A",
            [DossiersApi.UnitNominee("XA-B"), DossiersApi.SmallCollective("XA-B", "Trường Tiểu học Tiên Du", "School"), DossiersApi.Person("SO-A", category: "Farmer", position: null)],
            period: " 6 tháng đầu năm ", type: "Movement", movementId: movement.Id()));
        var body = await response.ExpectJson(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/dossiers/{body.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(body.ETag(), response.Headers.ETag?.Tag);
        Assert.Equal("Draft", (string?)body["status"]);
        Assert.Equal("SO-A", (string?)body["proposingUnit"]!["code"]);
        Assert.Equal("6 tháng đầu năm", (string?)body["period"]);
        Assert.Equal("Movement", (string?)body["type"]);
        Assert.Equal(movement.Id(), (string?)body["movementId"]);
        var nominees = body["nominees"]!.AsArray();
        Assert.Equal(["Unit", "SmallCollective", "Individual"], nominees.Select(n => (string?)n!["kind"]));
        Assert.Equal(["XA-B", "XA-B", "SO-A"], nominees.Select(n => (string?)n!["unit"]!["code"]));
        Assert.Equal([null, "Trường Tiểu học Tiên Du", "Nguyễn Văn An"], nominees.Select(n => (string?)n!["name"]));
        Assert.Equal("School", (string?)nominees[1]!["collectiveKind"]);
        Assert.Equal("Farmer", (string?)nominees[2]!["category"]);
        Assert.Equal([DossiersApi.CollectiveAward, DossiersApi.CollectiveAward, DossiersApi.PersonAward], nominees.Select(n => (string?)n!["award"]!["code"]));
        Assert.Empty(body["steps"]!.AsArray());
        Assert.Equal(3L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM dossier_nominees WHERE dossier_id = '{body.Id()}'"));
    }

    [Fact]
    public async Task CreateDossier_WhenAwardDoesNotSuitNominee_Returns400NamingTheNominee()
    {
        await Arrange();

        var problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A",
            [DossiersApi.Person("SO-A"), DossiersApi.Person("SO-A", award: DossiersApi.CollectiveAward, name: "Trần Thị Bình"), DossiersApi.UnitNominee("XA-B", DossiersApi.PersonAward)])))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["nominees[1].awardCode", "nominees[2].awardCode"], errors.Select(e => e.Key).Order());
        Assert.Contains("Trần Thị Bình", (string?)errors["nominees[1].awardCode"]![0]);
        Assert.Contains("is a person", (string?)errors["nominees[1].awardCode"]![0]);
        Assert.Contains("XA-B", (string?)errors["nominees[2].awardCode"]![0]);
        Assert.Contains("is a collective", (string?)errors["nominees[2].awardCode"]![0]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
    }

    [Fact]
    public async Task CreateDossier_WhenUnknownCodesAndMissingFields_Returns400ForEach()
    {
        await Arrange();

        var problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("NOPE",
            [DossiersApi.Person("XA-Z", award: "NO-SUCH"), new { kind = "Individual", unitCode = "SO-A", awardCode = DossiersApi.PersonAward, achievements = "x" }])))
            .ExpectProblem(HttpStatusCode.BadRequest);
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["nominees[1].category", "nominees[1].name"], fields);

        problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("NOPE", [DossiersApi.Person("XA-Z", award: "NO-SUCH")])))
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["nominees[0].awardCode", "nominees[0].unitCode", "proposingUnitCode"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal("No unit has the code 'NOPE'.", (string?)problem["errors"]!["proposingUnitCode"]![0]);
    }

    [Fact]
    public async Task CreateDossier_WhenNoNomineesOrBothSources_Returns400()
    {
        await Arrange();
        var cluster = await Client.CreateCluster(2026, "Cụm 1");
        var movement = await Client.CreateMovement("Phong trào A");

        var problem = await (await Client.PostJson(DossiersApi.Url, DossiersApi.Body("SO-A", [], movementId: movement.Id(), clusterId: cluster.Id())))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["clusterId", "nominees"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task UpdateDossier_WhenDraftWithCurrentETag_ReplacesNominees()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");

        var response = await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}",
            DossiersApi.Body("SO-A", [DossiersApi.UnitNominee("XA-B")], type: "AdHoc"), dossier.ETag());
        var updated = await response.ExpectJson(HttpStatusCode.OK);

        Assert.Equal("AdHoc", (string?)updated["type"]);
        Assert.Equal(["XA-B"], updated["nominees"]!.AsArray().Select(n => (string?)n!["unit"]!["code"]));
        Assert.NotEqual(dossier.ETag(), updated.ETag());
        Assert.Equal(updated.ETag(), response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task UpdateDossier_WhenStaleIfMatch_Returns412AndChangesNothing()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");
        await (await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}", DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A", name: "Lê Văn C")]), dossier.ETag()))
            .ExpectJson(HttpStatusCode.OK);

        var problem = await (await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}", DossiersApi.Body("SO-A", [DossiersApi.UnitNominee("XA-B")]), dossier.ETag()))
            .ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Contains("dossier", (string?)problem["detail"]);
        var now = await Client.GetDossier(dossier.Id());
        Assert.Equal(["Lê Văn C"], now["nominees"]!.AsArray().Select(n => (string?)n!["name"]));
        var stepProblem = await (await Client.Step(dossier.Id(), "submit", ifMatch: dossier.ETag())).ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.NotNull(stepProblem["detail"]);
        Assert.Equal("Draft", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task UpdateDossier_WhenSubmitted_Returns409()
    {
        await Arrange();
        var dossier = await Client.Reach(await Client.CreateDossier("SO-A"), "Submitted");

        var problem = await (await Client.Send(HttpMethod.Put, $"{DossiersApi.Url}/{dossier.Id()}", DossiersApi.Body("SO-A", [DossiersApi.UnitNominee("XA-B")])))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("Submitted", (string?)problem["detail"]);
        Assert.Equal(["Nguyễn Văn An"], (await Client.GetDossier(dossier.Id()))["nominees"]!.AsArray().Select(n => (string?)n!["name"]));
    }

    [Fact]
    public async Task DeleteDossier_WhenDraft_Returns204_AndWhenSubmitted_Returns409()
    {
        await Arrange();
        var draft = await Client.CreateDossier("SO-A");
        var submitted = await Client.Reach(await Client.CreateDossier("SO-A"), "Submitted");

        var deleted = await Client.DeleteAsync($"{DossiersApi.Url}/{draft.Id()}");
        var refused = await (await Client.DeleteAsync($"{DossiersApi.Url}/{submitted.Id()}")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await Client.GetAsync($"{DossiersApi.Url}/{draft.Id()}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains("Submitted", (string?)refused["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossier_nominees"));
    }

    [Fact]
    public async Task GetDossier_WhenVietnamese_AnswersIllegalStepInVietnamese()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{DossiersApi.Url}/{dossier.Id()}/receive") { Content = TestHttp.Json("{}") };
        request.Headers.AcceptLanguage.ParseAdd("vi");

        var problem = await (await Client.SendAsync(request)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal("Hồ sơ đang ở trạng thái Draft không thể thực hiện bước tiếp nhận (Receive).", (string?)problem["detail"]);
    }
}

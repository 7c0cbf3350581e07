using System.Net;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Movements;
using EmulationApi.Api.IntegrationTests.Security;

namespace EmulationApi.Api.IntegrationTests.Commendation;

/// <summary>A unit client drafts, submits and follows its own unit's dossiers only (403 on another's); receiving,
/// appraisal, council and decisions are editors' and admins'; readers (the portal) do not see dossiers.</summary>
public sealed class DossierAccessTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 10);

    private async Task<HttpClient> Arrange()
    {
        await Factory.SeedAwards();
        await Client.CreateUnits("SO-A", "XA-B");
        return Factory.ClientWithKey(await Client.CreateKey("Unit", "SO-A", name: "Văn thư Sở A"));
    }

    [Fact]
    public async Task UnitClient_OnItsOwnUnit_DraftsSubmitsAndFollows_UnderItsName()
    {
        using var unit = await Arrange();

        var dossier = await unit.CreateDossier("so-a");
        var submitted = await (await unit.Step(dossier.Id(), "submit", new { documentReference = "Tờ trình số 7/TTr-SA" })).ExpectJson(HttpStatusCode.OK);
        var listed = await (await unit.GetAsync(DossiersApi.Url)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Submitted", (string?)submitted["status"]);
        Assert.Equal("Văn thư Sở A", (string?)submitted["steps"]![0]!["by"]);
        Assert.Equal("SO-A", (string?)submitted["steps"]![0]!["byUnitCode"]);
        Assert.Equal([dossier.Id()], listed["items"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal("Submitted", (string?)(await unit.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task UnitClient_OnAnotherUnitsDossier_Gets403AndNothingChanges()
    {
        using var unit = await Arrange();
        var other = await Client.CreateDossier("XA-B", DossiersApi.Person("XA-B"));
        var audit = await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        var create = await (await unit.PostJson(DossiersApi.Url, DossiersApi.Body("XA-B", [DossiersApi.Person("XA-B")]))).ExpectProblem(HttpStatusCode.Forbidden);
        var read = await (await unit.GetAsync($"{DossiersApi.Url}/{other.Id()}")).ExpectProblem(HttpStatusCode.Forbidden);
        var list = await (await unit.GetAsync($"{DossiersApi.Url}?proposingUnitCode=XA-B")).ExpectProblem(HttpStatusCode.Forbidden);
        var update = await (await unit.Send(HttpMethod.Put, $"{DossiersApi.Url}/{other.Id()}", DossiersApi.Body("SO-A", [DossiersApi.Person("SO-A")]))).ExpectProblem(HttpStatusCode.Forbidden);
        var submit = await (await unit.Step(other.Id(), "submit")).ExpectProblem(HttpStatusCode.Forbidden);
        var delete = await (await unit.DeleteAsync($"{DossiersApi.Url}/{other.Id()}")).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.All([create, read, list, update, submit, delete], p => Assert.Contains("acts for SO-A", (string?)p["detail"]));
        var now = await Client.GetDossier(other.Id());
        Assert.Equal("Draft", (string?)now["status"]);
        Assert.Equal("XA-B", (string?)now["proposingUnit"]!["code"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM dossiers"));
        Assert.Equal(audit, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task UnitClient_MovingItsDossierToAnotherUnit_Gets403()
    {
        using var unit = await Arrange();
        var own = await unit.CreateDossier("SO-A");

        var problem = await (await unit.Send(HttpMethod.Put, $"{DossiersApi.Url}/{own.Id()}", DossiersApi.Body("XA-B", [DossiersApi.Person("XA-B")]))).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.Contains("XA-B", (string?)problem["detail"]);
        Assert.Equal("SO-A", (string?)(await Client.GetDossier(own.Id()))["proposingUnit"]!["code"]);
    }

    [Theory]
    [InlineData("receive")]
    [InlineData("start-appraisal")]
    [InlineData("return")]
    [InlineData("appraise")]
    [InlineData("refer-to-council")]
    [InlineData("forward")]
    [InlineData("decide")]
    public async Task UnitClient_TakingTheAppraisingBodysStep_Gets403(string action)
    {
        using var unit = await Arrange();
        var dossier = await Client.Reach(await unit.CreateDossier("SO-A"), "Submitted");
        var body = action switch { "return" => DossiersApi.ReturnBody(), "decide" => DossiersApi.DecideBody(dossier), _ => null };

        var problem = await (await unit.Step(dossier.Id(), action, body)).ExpectProblem(HttpStatusCode.Forbidden);

        Assert.NotNull(problem["detail"]);
        Assert.Equal("Submitted", (string?)(await Client.GetDossier(dossier.Id()))["status"]);
    }

    [Fact]
    public async Task Reader_DoesNotSeeDossiers()
    {
        await Arrange();
        var dossier = await Client.CreateDossier("SO-A");
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));

        await (await reader.GetAsync(DossiersApi.Url)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"{DossiersApi.Url}/{dossier.Id()}")).ExpectProblem(HttpStatusCode.Forbidden);
    }
}

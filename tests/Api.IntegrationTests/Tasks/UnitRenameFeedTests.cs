using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>A unit renamed is a change of every task and obligation that shows its name: changedSince shows them.</summary>
public sealed class UnitRenameFeedTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ListTasks_WhenALeadUnitIsRenamed_ItsTasksAndObligationsAppearUnderChangedSince_AndTheETagChanges()
    {
        var answer = await Client.ImportSeedPlan();
        await Client.IssuePlan(answer["planId"]!, "15/KH-UBND", "2026-01-20");
        var cursor = (await Client.Feed("sort=-updatedAt&pageSize=1"))["items"]![0]!.UpdatedAt();
        var query = $"changedSince={Instant(cursor)}&sort=updatedAt&pageSize=200";
        var before = await Client.GetAsync($"{TasksUrl}?{query}");
        Assert.Equal(0, (int)(await before.ExpectJson(HttpStatusCode.OK))["totalCount"]!);
        var showingSnv = (await Client.Feed("year=2026&pageSize=200"))["items"]!.AsArray()
            .Where(t => t!.Codes("leads").Concat(t!.Codes("coordinators")).Contains("SNV")).Select(t => (string)t!["id"]!).ToList();
        Assert.NotEmpty(showingSnv);
        var obligations = await Factory.ScalarAsync<long>("select count(*) from obligations o join units u on u.id = o.unit_id where u.code = 'SNV'");
        Assert.True(obligations > 0);
        var snv = await Client.GetUnitByCode("SNV");
        // The obligations' own cursor: issuing touches some after their task (a task's status is shown on its obligations).
        var obligationCursor = await Factory.ScalarAsync<DateTime>("select max(updated_at) from obligations");

        await (await Client.Send(HttpMethod.Put, $"{UnitsApi.Url}/{snv["id"]}",
            new { name = "Sở Nội vụ tỉnh Bắc Ninh", kind = "Department", shortName = "SNV", parentCode = "UBND-TINH" })).ExpectJson(HttpStatusCode.OK);

        var after = await Client.Send(HttpMethod.Get, $"{TasksUrl}?{query}", ifNoneMatch: before.ETag());
        var page = await after.ExpectJson(HttpStatusCode.OK);
        Assert.NotEqual(before.ETag(), after.ETag());
        var changed = page["items"]!.AsArray().Select(t => t!).ToList();
        // Exactly the tasks that show the unit by name, each once, with the new name.
        Assert.Equal(showingSnv.Order(StringComparer.Ordinal), changed.Select(t => (string)t["id"]!).Order(StringComparer.Ordinal));
        Assert.All(changed, t => Assert.Contains("Sở Nội vụ tỉnh Bắc Ninh",
            t["leads"]!.AsArray().Concat(t["coordinators"]!.AsArray()).Select(a => (string?)a!["unitName"])));
        Assert.All(changed, t => Assert.True(t.UpdatedAt() > cursor));
        // The unit's obligations moved too (the obligation list shows the unit's name).
        Assert.Equal(obligations, await Factory.ScalarAsync<long>(
            $"select count(*) from obligations o join units u on u.id = o.unit_id where u.code = 'SNV' and o.updated_at > '{obligationCursor:O}'"));
        // Others only where they show SNV too: an obligation SNV held before (transferredFrom).
        Assert.Equal(0L, await Factory.ScalarAsync<long>(
            $"select count(*) from obligations o join units u on u.id = o.unit_id left join units f on f.id = o.transferred_from_unit_id where u.code <> 'SNV' and f.code is distinct from 'SNV' and o.updated_at > '{obligationCursor:O}'"));
    }

    [Fact]
    public async Task ImportUnits_WhenTwoUnitsAreRenamedAtOnce_EveryTaskAndObligationShowingEitherMoves_AndNoOther()
    {
        var answer = await Client.ImportSeedPlan();
        await Client.IssuePlan(answer["planId"]!, "15/KH-UBND", "2026-01-20");
        const string held = "select count(*) from obligations o join units u on u.id = o.unit_id where u.code in ('SNV', 'STC')";
        var obligations = await Factory.ScalarAsync<long>(held);
        Assert.True(await Factory.ScalarAsync<long>($"{held} and u.code = 'STC'") > 0);
        Assert.True(await Factory.ScalarAsync<long>($"{held} and u.code = 'SNV'") > 0);
        var showing = await Factory.ScalarAsync<long>(
            "select count(distinct a.task_id) from task_assignees a join units u on u.id = a.unit_id where u.code in ('SNV', 'STC')");
        var obligationCursor = await Factory.ScalarAsync<DateTime>("select max(updated_at) from obligations");
        var taskCursor = await Factory.ScalarAsync<DateTime>("select max(updated_at) from tasks");

        // One import statement renames both: the cascade runs once for the statement, over both units.
        var result = await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv(
            "code,name,kind\nSNV,Sở Nội vụ tỉnh Bắc Ninh,Department\nSTC,Sở Tài chính tỉnh Bắc Ninh,Department\n"))).ExpectJson(HttpStatusCode.OK);

        Assert.Equal((0, 2), ((int)result["created"]!, (int)result["updated"]!));
        Assert.Equal(obligations, await Factory.ScalarAsync<long>($"{held} and o.updated_at > '{obligationCursor:O}'"));
        Assert.Equal(obligations, await Factory.ScalarAsync<long>($"select count(*) from obligations where updated_at > '{obligationCursor:O}'"));
        Assert.Equal(showing, await Factory.ScalarAsync<long>($"select count(*) from tasks where updated_at > '{taskCursor:O}'"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Tasks;

/// <summary>
/// The feed's unit filters with a year read the plan's year carried on the assignee and obligation rows (plan_year):
/// whatever writes those rows or changes the plan's year, the filters answer as if they joined the plan.
/// </summary>
public sealed class UnitYearFilterTests(ApiFactory factory) : ApiTest(factory)
{
    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(t => (string)t!["id"]!).ToList();

    /// <summary>Rows whose plan_year is not their task's plan's year: none, ever.</summary>
    private async Task AssertEveryRowCarriesItsPlansYear()
    {
        Assert.Equal(0, await Factory.ScalarAsync<long>("""
            SELECT count(*) FROM task_assignees a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id
             WHERE a.plan_year IS DISTINCT FROM p.year
            """));
        Assert.Equal(0, await Factory.ScalarAsync<long>("""
            SELECT count(*) FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
             WHERE o.plan_year IS DISTINCT FROM p.year
            """));
    }

    [Fact]
    public async Task ListTasks_WhenADraftPlansYearChanges_TheUnitFiltersFollowTheNewYear()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        var plan = await Client.CreatePlan(2025, "Dự thảo");
        var task = await Client.CreateTask(plan["id"]!, "Q1", 1, "Việc của Sở Nội vụ", Month(3), [Unit("SNV")], [Unit("STC")]);
        var id = (string)task["id"]!;
        Assert.Equal([id], Ids(await Client.Feed("leadUnitCode=SNV&year=2025")));

        await (await Client.Send(HttpMethod.Put, $"{PlansApi.Url}/{plan["id"]}", new { year = 2024, title = "Dự thảo (năm 2024)" }))
            .ExpectJson(HttpStatusCode.OK);

        var before = await Client.Feed("leadUnitCode=SNV&year=2025");
        Assert.Empty(before["items"]!.AsArray());
        Assert.Equal(0, (int)before["totalCount"]!);
        var after = await Client.Feed("leadUnitCode=SNV&year=2024");
        Assert.Equal([id], Ids(after));
        Assert.Equal(2024, (int)after["items"]![0]!["planYear"]!);
        Assert.Equal([id], Ids(await Client.Feed("unitCode=STC&year=2024")));
        Assert.Empty(Ids(await Client.Feed("leadUnitCode=STC&year=2024"))); // STC only coordinates
        // The summary by lead unit reads the year's leads by plan_year too.
        var summary = await (await Client.GetAsync($"{TasksUrl}/summary?groupBy=LeadUnit&year=2024")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["SNV"], summary["groups"]!.AsArray().Select(g => (string?)g!["key"]));
        Assert.Equal(1, (int)summary["groups"]![0]!["counts"]!["total"]!);
        var old = await (await Client.GetAsync($"{TasksUrl}/summary?groupBy=LeadUnit&year=2025")).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(old["groups"]!.AsArray());
        await AssertEveryRowCarriesItsPlansYear();
    }

    [Fact]
    public async Task ListTasks_WhenATasksUnitsAreReplaced_TheUnitFiltersFindTheNewUnitsInTheYear()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        await Client.CreateUnit("SXD", "Sở Xây dựng");
        var plan2025 = await Client.CreatePlan(2025, "Kế hoạch năm 2025");
        var plan2026 = await Client.CreatePlan(2026, "Kế hoạch năm 2026");
        var task = await Client.CreateTask(plan2025["id"]!, "Q1", 1, "Việc năm 2025", Month(3), [Unit("SNV")]);
        var other = await Client.CreateTask(plan2026["id"]!, "Q1", 1, "Việc năm 2026", Month(3), [Unit("STC")]);
        var id = (string)task["id"]!;

        await (await Client.Send(HttpMethod.Put, $"{TasksUrl}/{id}", TaskBody("Q1", 1, "Việc năm 2025", Month(3), [Unit("STC")], [Unit("SXD")])))
            .ExpectJson(HttpStatusCode.OK);

        Assert.Empty(Ids(await Client.Feed("leadUnitCode=SNV&year=2025")));
        Assert.Equal([id], Ids(await Client.Feed("leadUnitCode=STC&year=2025")));
        Assert.Equal([(string)other["id"]!], Ids(await Client.Feed("leadUnitCode=STC&year=2026")));
        Assert.Equal([(string)other["id"]!, id], Ids(await Client.Feed("leadUnitCode=STC"))); // no year: every year, newest first
        Assert.Equal([id], Ids(await Client.Feed("unitCode=SXD&year=2025")));
        Assert.Empty(Ids(await Client.Feed("unitCode=SXD&year=2026")));
        await AssertEveryRowCarriesItsPlansYear();
    }

    [Fact]
    public async Task ListTasks_ByAWardAndYear_FindsTheGroupTasksThroughObligations_DerivedOnIssueOrWhenTheWardIsRegisteredLater()
    {
        var (_, _) = await Client.IssuedSeedPlanWithLocalities();
        var work = await Client.Obligations("unitCode=P-DAPCAU&year=2026&pageSize=200");
        var reached = work["items"]!.AsArray().Select(o => (string)o!["taskId"]!).Order().ToList();
        Assert.NotEmpty(reached);

        var feed = await Client.Feed("unitCode=P-DAPCAU&year=2026&pageSize=200");
        Assert.Equal(reached, Ids(feed).Order());
        Assert.Equal(reached.Count, (int)feed["totalCount"]!);
        Assert.Empty(Ids(await Client.Feed("unitCode=P-DAPCAU&year=2025")));

        // A ward registered after the plan was issued gets its obligations in the registration's transaction
        // (emulation_derive_unit_obligations): the same group tasks, in the same year.
        await Client.CreateUnit("P-MOI", "Phường Mới", "Ward");
        var late = await Client.Feed("unitCode=P-MOI&year=2026&pageSize=200");
        Assert.Equal(reached, Ids(late).Order());
        Assert.Equal(reached.Count, (int)late["totalCount"]!);
        await AssertEveryRowCarriesItsPlansYear();
    }
}

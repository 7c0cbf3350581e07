using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Obligations;
using EmulationApi.Api.IntegrationTests.Plans;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>
/// The obligations of units a bulk import registers are derived after it commits: a small import before it answers, a
/// large one by the background worker in short transactions, so progress reports keep flowing (README, "Bulk loading
/// units"). In the seed's 2026 plan a ward is reached by 15 rows (DerivationTests).
/// </summary>
public sealed class ImportDerivationTests(ApiFactory factory) : ApiTest(factory)
{
    private const int RowsReachingAWard = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    protected override DateOnly? PinnedToday => new(2026, 5, 10);

    private static string Wards(string prefix, int count)
    {
        var csv = new StringBuilder("code,name,kind\n");
        for (var i = 1; i <= count; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{i:0000},Phường {prefix} số {i},Ward\n");
        return csv.ToString();
    }

    private async Task<JsonNode> ImportWards(string prefix, int count) =>
        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv(Wards(prefix, count)))).ExpectJson(HttpStatusCode.OK);

    /// <summary>Polls the ward's work list through the API until it holds its obligations (bounded).</summary>
    private async Task<int> WaitForObligations(string unitCode)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var total = (int)(await Client.Obligations($"unitCode={unitCode}&year=2026&pageSize=1"))["totalCount"]!;
            if (total == RowsReachingAWard || clock.Elapsed > Patience) return total;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task ImportUnits_OfAFewNewWards_AnswersWithTheirObligationsDerived()
    {
        await Client.IssuedSeedPlanWithLocalities();

        var result = await ImportWards("PF", 3);

        Assert.Equal((3, 0), ((int)result["created"]!, (int)result["obligationsPending"]!));
        var held = await Client.Obligations("unitCode=PF-0002&year=2026&pageSize=1");
        Assert.Equal(RowsReachingAWard, (int)held["totalCount"]!);
    }

    [Fact]
    public async Task ImportUnits_OfManyNewWards_AnswersThemPending_AndTheWorkerDerivesTheirObligations()
    {
        await Client.IssuedSeedPlanWithLocalities();

        var result = await ImportWards("PM", 120);

        Assert.Equal((120, 120), ((int)result["created"]!, (int)result["obligationsPending"]!));
        Assert.Equal(RowsReachingAWard, await WaitForObligations("PM-0120"));
        Assert.Equal(RowsReachingAWard, await WaitForObligations("PM-0001"));
        Assert.Equal(120L * RowsReachingAWard, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM obligations o JOIN units u ON u.id = o.unit_id WHERE u.code LIKE 'PM-%' AND o.arose_on = '2026-05-10'"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligation_derivations_pending"));
        // The next import's answer counts nothing pending.
        Assert.Equal(0, (int)(await ImportWards("PN", 1))["obligationsPending"]!);
    }

    [Fact]
    public async Task ImportUnits_OfKindsNoGroupReaches_QueuesNothing_ButAWardTurnedCouncilIsRederived()
    {
        await Client.IssuedSeedPlanWithLocalities();
        var csv = new StringBuilder("code,name,kind\n");
        for (var i = 1; i <= 200; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"PB-{i:0000},Chi bộ số {i},PartyBody\n");
        var bodies = await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv(csv.ToString()))).ExpectJson(HttpStatusCode.OK);

        // 200 new units, more than an import derives before answering, yet none is queued: no group reaches a party body.
        Assert.Equal((200, 0), ((int)bodies["created"]!, (int)bodies["obligationsPending"]!));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligation_derivations_pending"));

        // A ward re-imported as a council leaves the groups' reach: re-derived, its obligations withdrawn.
        await ImportWards("PW", 1);
        Assert.Equal(RowsReachingAWard, await WaitForObligations("PW-0001"));
        var council = await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nPW-0001,Hội đồng PW,Council\n"))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal((1, 0), ((int)council["updated"]!, (int)council["obligationsPending"]!));
        Assert.Equal(0, (int)(await Client.Obligations("unitCode=PW-0001&year=2026&pageSize=1"))["totalCount"]!);
    }

    [Fact]
    public async Task ImportUnits_OfAWardTurnedCouncilAndBackAgain_RestoresTheSameObligations()
    {
        await Client.IssuedSeedPlanWithLocalities();
        await ImportWards("PR", 1);
        Assert.Equal(RowsReachingAWard, await WaitForObligations("PR-0001"));
        const string held = "SELECT string_agg(o.id::text, ',' ORDER BY o.id) FROM obligations o JOIN units u ON u.id = o.unit_id WHERE u.code = 'PR-0001'";
        var ids = await Factory.ScalarAsync<string>(held);

        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nPR-0001,Hội đồng PR,Council\n"))).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, (int)(await Client.Obligations("unitCode=PR-0001&year=2026&pageSize=1"))["totalCount"]!);
        var ward = await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nPR-0001,Phường PR,Ward\n"))).ExpectJson(HttpStatusCode.OK);

        // Re-derived before the answer: the withdrawn obligations come back (the derivation finds them held), none is new.
        Assert.Equal((1, 0), ((int)ward["updated"]!, (int)ward["obligationsPending"]!));
        Assert.Equal(RowsReachingAWard, (int)(await Client.Obligations("unitCode=PR-0001&year=2026&pageSize=1"))["totalCount"]!);
        Assert.Equal(ids, await Factory.ScalarAsync<string>(held));
        Assert.Equal((long)RowsReachingAWard, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM obligation_events e JOIN obligations o ON o.id = e.obligation_id JOIN units u ON u.id = o.unit_id WHERE u.code = 'PR-0001' AND e.kind = 'Restored'"));
    }

    [Fact]
    public async Task ReportProgress_WhileAnImportsObligationsAreDerived_IsNotBlocked_AndAPendingWardIsToldToWait()
    {
        var (_, tasks) = await Client.IssuedSeedPlanWithLocalities();
        var q11 = tasks[("Q1", 1)]["id"]!;

        var result = await ImportWards("PC", 3000);
        Assert.Equal(3000, (int)result["obligationsPending"]!);

        // Sở Nội vụ reports on its own row while the wards' obligations are derived: it is answered, not queued behind them.
        var report = await Client.Report(q11, "InProgress", "2026-05-10");
        Assert.Equal("SNV", (string)report["reportingUnitCode"]!);
        Assert.True(await Factory.ScalarAsync<long>("SELECT count(*) FROM obligation_derivations_pending") > 0,
            "the report was answered only after the whole derivation");

        // A ward whose obligations are not derived yet gets a clear answer, not "the plan does not name it".
        var last = await Factory.ScalarAsync<string>(
            "SELECT u.code FROM obligation_derivations_pending q JOIN units u ON u.id = q.unit_id ORDER BY q.queued_at DESC, q.unit_id DESC LIMIT 1");
        var problem = await (await Client.PostReport(tasks[("Q4", 3)]["id"]!, "InProgress", "2026-05-10", last)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal($"{last}'s obligations are still being derived after its registration by an import; report again in a moment.", (string)problem["detail"]!);

        Assert.Equal(RowsReachingAWard, await WaitForObligations(last));
        await Client.Report(tasks[("Q4", 3)]["id"]!, "InProgress", "2026-05-10", last);
    }

    [Fact]
    public async Task Worker_FindsUnitsACrashLeftPending_AndDerivesTheirObligations()
    {
        await Client.IssuedSeedPlanWithLocalities();
        await ImportWards("PX", 1);
        // As if the process died between the import's commit and the derivation: the unit is queued, its obligations missing.
        await Factory.ScalarAsync<long>("""
            WITH gone AS (DELETE FROM obligations o USING units u WHERE u.id = o.unit_id AND u.code = 'PX-0001' RETURNING 1),
                 queued AS (INSERT INTO obligation_derivations_pending (unit_id, arose_on) SELECT id, '2026-05-10' FROM units WHERE code = 'PX-0001' RETURNING 1)
            SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM queued)
            """);
        Assert.Equal(0, (int)(await Client.Obligations("unitCode=PX-0001&year=2026&pageSize=1"))["totalCount"]!);

        Assert.Equal(RowsReachingAWard, await WaitForObligations("PX-0001"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligation_derivations_pending"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Clusters;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using EmulationApi.Api.IntegrationTests.Units;
using static EmulationApi.Api.IntegrationTests.Plans.PlansApi;

namespace EmulationApi.Api.IntegrationTests.Obligations;

/// <summary>
/// Obligations derived from the 2026 plan's real appendix (the seed text and units, as PlansApi imports them), with a few
/// wards and communes and the year's clusters registered: who holds which share of which row, with which role and from
/// which group (README, "Obligations"), and how the shares follow the registry after the plan is issued.
/// </summary>
public sealed class DerivationTests(ApiFactory factory) : ApiTest(factory)
{
    protected override DateOnly? PinnedToday => new(2026, 12, 1);

    /// <summary>The seed's units of the kinds a plan is addressed to (department, commune, ward, mass organisation,
    /// enterprise, central agency, press): not UBND tỉnh or the information centre (Other), the council or the party body.</summary>
    private static readonly string[] SeedAddressees =
        ["BPTTH", "SCT", "SDTTG", "SGDDT", "SKHCN", "SNNMT", "SNV", "STC", "STP", "SVHTTDL", "SXD", "SYT", "TTR", "UBMTTQ", "VP-UBND"];

    private static readonly string[] Localities = ["P-KINHBAC", "P-VUNINH", "X-TIENDU"];

    private static readonly string[] Addressees = [.. SeedAddressees.Concat(Localities).Order(StringComparer.Ordinal)];

    private string _planId = "";
    private string _clusterId = "";

    /// <summary>
    /// The seed units and plan; wards Kinh Bắc and Vũ Ninh, commune Tiên Du, and a commune deactivated before the plan is
    /// issued; for 2026 a provincial cluster led by Kinh Bắc (Tiên Du a member), a provincial bloc led by Sở Nội vụ, a
    /// sector cluster (Giáo dục và Đào tạo) led by Vũ Ninh, and for 2025 a provincial cluster led by Vũ Ninh — the last two
    /// must never expand. Then the plan is issued on 20 January 2026.
    /// </summary>
    private async Task<IReadOnlyDictionary<(string Group, int Sequence), JsonNode>> IssuedSeedPlan()
    {
        _planId = (string)(await Client.ImportSeedPlan())["planId"]!;
        await Client.CreateUnit("P-KINHBAC", "Phường Kinh Bắc", "Ward");
        await Client.CreateUnit("P-VUNINH", "Phường Vũ Ninh", "Ward");
        await Client.CreateUnit("X-TIENDU", "Xã Tiên Du", "Commune");
        var retired = await Client.CreateUnit("X-CU", "Xã cũ đã sáp nhập", "Commune");
        await (await Client.PostAsync($"{UnitsApi.Url}/{retired["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);
        _clusterId = (string)(await Client.CreateCluster(2026, "Cụm thi đua số 1", members: [("P-KINHBAC", "Leader"), ("X-TIENDU", "Member")]))["id"]!;
        await Client.CreateCluster(2026, "Khối các sở, ban, ngành", "Bloc", members: [("SNV", "Leader"), ("STC", "Member")]);
        await Client.CreateCluster(2026, "Cụm thi đua ngành Giáo dục", scope: "Sector", sector: "Giáo dục và Đào tạo",
            members: [("P-VUNINH", "Leader"), ("SGDDT", "Member")]);
        await Client.CreateCluster(2025, "Cụm thi đua số 1", members: [("P-VUNINH", "Leader"), ("X-TIENDU", "Member")]);
        await Client.IssuePlan(_planId, "15/KH-UBND", "2026-01-20");
        return await Client.SeedTasks();
    }

    private static string[] Holders(IEnumerable<StoredObligation> obligations, string role) =>
        [.. obligations.Where(o => o.Role == role).Select(o => o.UnitCode).Order(StringComparer.Ordinal)];

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "MA0051:Method is too long", Justification = "The real appendix row by row: split, the rows would lose sight of each other.")]
    public async Task Issue_ExpandsEveryGroupOfThe2026PlansRealRows_ToExactlyTheUnitsItReaches()
    {
        var tasks = await IssuedSeedPlan();
        var all = await Factory.ObligationsAsync();
        var byTask = all.GroupBy(o => o.TaskKey).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(all, o => Assert.Equal(("Active", "NotStarted", new DateOnly(2026, 1, 20), false), (o.State, o.Status, o.AroseOn, o.AroseLate)));
        // A unit holds at most one obligation per task.
        Assert.All(byTask.Values, os => Assert.Equal(os.Count, os.Select(o => o.UnitCode).Distinct().Count()));

        // Q1/1: units named directly — Sở Nội vụ leads, Văn phòng UBND tỉnh coordinates.
        Assert.Equal(["SNV"], Holders(byTask["Q1/1"], "Lead"));
        Assert.Equal(["VP-UBND"], Holders(byTask["Q1/1"], "Coordinator"));
        Assert.All(byTask["Q1/1"], o => Assert.Null(o.SourceGroup));

        // Q1/3 "Cụm trường, Khối trường các Cụm, Khối thi đua" leads: the leader of each provincial cluster and bloc of
        // 2026, one each, from its cluster — not the sector cluster's leader, not 2025's. The council, named, coordinates.
        var q13 = byTask["Q1/3"];
        Assert.Equal(["P-KINHBAC", "SNV"], Holders(q13, "Lead"));
        Assert.Equal(["HDTDKT"], Holders(q13, "Coordinator"));
        Assert.Equal(("ClusterAndBlocLeaders", "Cụm thi đua số 1"), q13.Where(o => o.UnitCode == "P-KINHBAC").Select(o => (o.SourceGroup, o.ClusterName)).Single());
        Assert.Equal(("ClusterAndBlocLeaders", "Khối các sở, ban, ngành"), q13.Where(o => o.UnitCode == "SNV").Select(o => (o.SourceGroup, o.ClusterName)).Single());

        // Q1/4 "Cụm trưởng, Khối trưởng…; Các địa phương, đơn vị": every active addressee leads — not UBND tỉnh (Other),
        // the council, the party body, the deactivated commune; Sở Nội vụ, also named as coordinator, holds one share, as lead.
        Assert.Equal(Addressees, Holders(byTask["Q1/4"], "Lead"));
        Assert.Empty(Holders(byTask["Q1/4"], "Coordinator"));
        Assert.Equal("AllLocalitiesAndUnits", byTask["Q1/4"].Single(o => o.UnitCode == "X-TIENDU").SourceGroup);

        // Q1/5: the council (named) leads; "Các Cụm, Khối thi đua; Các địa phương, đơn vị" coordinate: every addressee.
        Assert.Equal(["HDTDKT"], Holders(byTask["Q1/5"], "Lead"));
        Assert.Equal(Addressees, Holders(byTask["Q1/5"], "Coordinator"));

        // Q2/4: Sở GD&ĐT (named) and "Các xã, phường": every active commune and ward, and nobody else.
        Assert.Equal(["SNV"], Holders(byTask["Q2/4"], "Lead"));
        Assert.Equal(["P-KINHBAC", "P-VUNINH", "SGDDT", "X-TIENDU"], Holders(byTask["Q2/4"], "Coordinator"));
        Assert.All(byTask["Q2/4"].Where(o => o.UnitCode.StartsWith("P-", StringComparison.Ordinal) || o.UnitCode.StartsWith("X-", StringComparison.Ordinal)),
            o => Assert.Equal("AllCommunesAndWards", o.SourceGroup));

        // Q3/3: "Sở Nội vụ, các cơ quan đơn vị có liên quan; Các xã, phường" — the related units reach nobody.
        Assert.Equal(["SGDDT"], Holders(byTask["Q3/3"], "Lead"));
        Assert.Equal(["P-KINHBAC", "P-VUNINH", "SNV", "X-TIENDU"], Holders(byTask["Q3/3"], "Coordinator"));
        Assert.DoesNotContain(byTask["Q3/3"], o => o.SourceGroup == "RelatedUnits");

        // Q4/4: Sở Nội vụ leads by name and is reached as coordinator as the bloc's leader: one share, as lead, named directly.
        var q44 = byTask["Q4/4"];
        Assert.Equal(("Lead", (string?)null), q44.Where(o => o.UnitCode == "SNV").Select(o => (o.Role, o.SourceGroup)).Single());
        Assert.Equal(["P-KINHBAC"], Holders(q44, "Coordinator"));

        // Q4/8: UBND tỉnh is named as lead: it holds the share although a group never reaches it.
        Assert.Equal(["UBND-TINH"], Holders(byTask["Q4/8"], "Lead"));
        Assert.Equal(["SNV"], Holders(byTask["Q4/8"], "Coordinator"));

        // Recurring/3 "Các cơ quan, đơn vị, địa phương" leads; its named coordinators: the press (an addressee, so it leads)
        // and the information centre (Other: it coordinates because it is named).
        Assert.Equal(Addressees, Holders(byTask["Recurring/3"], "Lead"));
        Assert.Equal(["TTTT"], Holders(byTask["Recurring/3"], "Coordinator"));

        // Never: the council, the party body or UBND tỉnh through a group; the deactivated commune; the sector or 2025 leader
        // for being a leader (Vũ Ninh holds only what every ward holds).
        Assert.DoesNotContain(all, o => o.SourceGroup is not null && o.UnitCode is "HDTDKT" or "BTGDV-TU" or "UBND-TINH" or "TTTT");
        Assert.DoesNotContain(all, o => o.UnitCode == "X-CU");
        Assert.DoesNotContain(all, o => o.UnitCode == "P-VUNINH" && o.SourceGroup is "ClusterAndBlocLeaders" or "AllClustersAndBlocs");

        // The task answers count the shares by role.
        var q13Answer = await Client.GetTask(tasks[("Q1", 3)]["id"]!, "2026-02-01");
        Assert.Equal((2, 2), ((int)q13Answer["leadObligations"]!["total"]!, (int)q13Answer["leadObligations"]!["withinDeadline"]!));
        Assert.Equal(1, (int)q13Answer["coordinatorObligations"]!["total"]!);
        Assert.Equal("NotStarted", (string?)q13Answer["status"]);
        var q15Answer = await Client.GetTask(tasks[("Q1", 5)]["id"]!, "2026-06-01");
        Assert.Equal((1, 1), ((int)q15Answer["leadObligations"]!["total"]!, (int)q15Answer["leadObligations"]!["overdue"]!));
        Assert.Equal((18, 18), ((int)q15Answer["coordinatorObligations"]!["total"]!, (int)q15Answer["coordinatorObligations"]!["overdue"]!));
    }

    [Fact]
    public async Task ListTasks_ByAWardsCode_ReturnsTheTasksThatReachItThroughAGroup()
    {
        await IssuedSeedPlan();
        string[] groupTasks = ["Q1/4", "Q1/5", "Q2/3", "Q2/4", "Q3/1", "Q3/3", "Q4/3", "Q4/5", "Q4/6", "Q4/7",
            "Recurring/1", "Recurring/3", "Recurring/4", "Recurring/5", "Recurring/6"];

        var ward = await Client.Feed("year=2026&unitCode=p-kinhbac&pageSize=200");
        var commune = await Client.Feed("year=2026&unitCode=X-TIENDU&pageSize=200");
        var asLead = await Client.Feed("year=2026&leadUnitCode=X-TIENDU&pageSize=200");

        // Kinh Bắc leads its cluster: the leaders' rows reach it too; Tiên Du is a plain member.
        Assert.Equal([.. groupTasks.Append("Q1/3").Append("Q4/4").Order(StringComparer.Ordinal)],
            ward.Keys().Select(k => $"{k.Group}/{k.Sequence}").Order(StringComparer.Ordinal));
        Assert.Equal(17, (int)ward["totalCount"]!);
        Assert.Equal(groupTasks, commune.Keys().Select(k => $"{k.Group}/{k.Sequence}"));
        Assert.Equal(["Q1/4", "Recurring/3", "Recurring/4"], asLead.Keys().Select(k => $"{k.Group}/{k.Sequence}"));
        // The deactivated commune holds nothing, and the page says so rather than failing.
        Assert.Equal(0, (int)(await Client.Feed("year=2026&unitCode=X-CU"))["totalCount"]!);
    }

    [Fact]
    public async Task RegisteringAWardAfterIssue_GivesItItsObligations_ThoseArisenAfterTheirDeadlineApart()
    {
        var tasks = await IssuedSeedPlan();
        Factory.PinToday(new DateOnly(2026, 5, 10));

        await Client.CreateUnit("P-MOI", "Phường Mới", "Ward");
        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nX-MOI,Xã Mới,Commune\n"))).ExpectJson(HttpStatusCode.OK);

        foreach (var code in new[] { "P-MOI", "X-MOI" })
        {
            var held = await Factory.ObligationsAsync($"u.code = '{code}'");
            // The same 15 rows as every commune and ward: arisen on the day of registration; Quý I's March deadline had passed.
            Assert.Equal(["Q1/4", "Q1/5", "Q2/3", "Q2/4", "Q3/1", "Q3/3", "Q4/3", "Q4/5", "Q4/6", "Q4/7",
                "Recurring/1", "Recurring/3", "Recurring/4", "Recurring/5", "Recurring/6"], held.Select(o => o.TaskKey));
            Assert.All(held, o => Assert.Equal(new DateOnly(2026, 5, 10), o.AroseOn));
            Assert.Equal(["Q1/4", "Q1/5"], held.Where(o => o.AroseLate).Select(o => o.TaskKey));
        }

        // Counted apart, never as overdue: Q1/4 on 1 June has 18 overdue leads and the 2 late arrivals.
        var q14 = await Client.GetTask(tasks[("Q1", 4)]["id"]!, "2026-06-01");
        Assert.Equal((20, 18, 2), ((int)q14["leadObligations"]!["total"]!, (int)q14["leadObligations"]!["overdue"]!, (int)q14["leadObligations"]!["aroseLate"]!));
        var q24 = await Client.GetTask(tasks[("Q2", 4)]["id"]!, "2026-06-01");
        Assert.Equal((6, 6, 0), ((int)q24["coordinatorObligations"]!["total"]!, (int)q24["coordinatorObligations"]!["withinDeadline"]!,
            (int)q24["coordinatorObligations"]!["aroseLate"]!));
        Assert.Contains(("Q2", 4), (await Client.Feed("year=2026&unitCode=X-MOI&pageSize=200")).Keys());
    }

    [Fact]
    public async Task DeactivatingAUnit_WithdrawsItsObligationsKeepingTheirReports_AndReactivatingRestoresThem()
    {
        var tasks = await IssuedSeedPlan();
        var q24 = (string)tasks[("Q2", 4)]["id"]!;
        await Client.Report(q24, "InProgress", "2026-05-02", "X-TIENDU", "Đã rà soát hồ sơ khen thưởng.");
        var tienDu = await Client.GetUnitByCode("X-TIENDU");
        var share = (await Factory.ObligationsAsync($"u.code = 'X-TIENDU' AND t.id = '{q24}'")).Single();

        await (await Client.PostAsync($"{UnitsApi.Url}/{tienDu["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);

        var withdrawn = (await Factory.ObligationsAsync($"o.id = '{share.Id}'")).Single();
        Assert.Equal(("Withdrawn", new DateOnly(2026, 12, 1), "InProgress", 1), (withdrawn.State, withdrawn.WithdrawnOn, withdrawn.Status, withdrawn.ReportCount));
        Assert.Equal(15L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations o JOIN units u ON u.id = o.unit_id WHERE u.code = 'X-TIENDU' AND o.state = 'Withdrawn'"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM obligations o JOIN units u ON u.id = o.unit_id WHERE u.code = 'X-TIENDU' AND o.state = 'Active'"));
        Assert.Equal([("Withdrawn", (string?)null, (string?)"The unit was deactivated.")], await Factory.ObligationEventsAsync(share.Id));
        // The report stays in the task's history, on the same obligation.
        var history = await (await Client.GetAsync($"{TasksUrl}/{q24}/progress")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["X-TIENDU"], history["items"]!.AsArray().Select(r => (string?)r!["reportingUnitCode"]));
        Assert.Equal(share.Id, (Guid)history["items"]![0]!["obligationId"]!);
        Assert.Equal(3, (int)(await Client.GetTask(q24))["coordinatorObligations"]!["total"]!);
        Assert.DoesNotContain(("Q2", 4), (await Client.Feed("year=2026&unitCode=X-TIENDU&pageSize=200")).Keys());
        // A withdrawn share takes no report.
        var refused = await (await Client.PostReport(q24, "Done", "2026-11-30", "X-TIENDU")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("withdrawn", (string?)refused["detail"]);

        await (await Client.PostAsync($"{UnitsApi.Url}/{tienDu["id"]}/activate", null)).ExpectJson(HttpStatusCode.OK);

        var restored = (await Factory.ObligationsAsync($"o.id = '{share.Id}'")).Single();
        Assert.Equal(("Active", (DateOnly?)null, "InProgress", 1), (restored.State, restored.WithdrawnOn, restored.Status, restored.ReportCount));
        Assert.Equal(["Withdrawn", "Restored"], (await Factory.ObligationEventsAsync(share.Id)).Select(e => e.Kind));
        Assert.Equal(1L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM obligations WHERE task_id = '{q24}' AND unit_id = '{tienDu["id"]}'"));
        Assert.Equal(4, (int)(await Client.GetTask(q24))["coordinatorObligations"]!["total"]!);
    }

    [Fact]
    public async Task ChangingAClustersLeader_MovesTheLeadersObligationWithItsHistory()
    {
        var tasks = await IssuedSeedPlan();
        var q13 = (string)tasks[("Q1", 3)]["id"]!;
        await Client.Report(q13, "InProgress", "2026-03-05", "P-KINHBAC", "Đã dự thảo giao ước thi đua.");
        var share = (await Factory.ObligationsAsync($"u.code = 'P-KINHBAC' AND t.id = '{q13}'")).Single();

        await (await Client.AssignMembers(_clusterId, [("X-TIENDU", "Leader")])).ExpectJson(HttpStatusCode.OK);

        var moved = (await Factory.ObligationsAsync($"o.id = '{share.Id}'")).Single();
        Assert.Equal(("X-TIENDU", "P-KINHBAC", "Lead", "Active"), (moved.UnitCode, moved.TransferredFromCode, moved.Role, moved.State));
        Assert.Equal(("InProgress", 1, "Cụm thi đua số 1"), (moved.Status, moved.ReportCount, moved.ClusterName));
        Assert.Equal([("Moved", (string?)"P-KINHBAC → X-TIENDU", (string?)null)], await Factory.ObligationEventsAsync(share.Id));
        // The old leader no longer holds the leaders' rows; its report stays in the history of the moved obligation.
        Assert.Empty(await Factory.ObligationsAsync($"u.code = 'P-KINHBAC' AND t.\"group\" = 'Q1' AND t.sequence = 3"));
        Assert.Equal(["Q1/3", "Q4/4"], (await Factory.ObligationsAsync("o.transferred_from_unit_id IS NOT NULL")).Select(o => o.TaskKey));
        var history = await (await Client.GetAsync($"{TasksUrl}/{q13}/progress")).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("P-KINHBAC", share.Id), ((string)history["items"]![0]!["reportingUnitCode"]!, (Guid)history["items"]![0]!["obligationId"]!));
        var answer = await Client.GetTask(q13);
        Assert.Equal(("InProgress", 2), ((string)answer["status"]!, (int)answer["leadObligations"]!["total"]!));
        Assert.Contains(("Q1", 3), (await Client.Feed("year=2026&leadUnitCode=X-TIENDU")).Keys());
        Assert.DoesNotContain(("Q1", 3), (await Client.Feed("year=2026&unitCode=P-KINHBAC&pageSize=200")).Keys());
        // The new leader reports on the share it took over.
        await Client.Report(q13, "Done", "2026-03-20", "X-TIENDU");
        Assert.Equal(2, (int)(await Client.GetTask(q13))["reportCount"]!);
    }
}

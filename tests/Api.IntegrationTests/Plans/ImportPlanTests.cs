using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Plans;

/// <summary>POST /api/v1/plans/import with the province's 2026 plan (the seed text).</summary>
public sealed class ImportPlanTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ImportPlan_WhenSeedText_Creates29TasksByGroupAndResolvesEveryName()
    {
        var answer = await Client.ImportSeedPlan();

        Assert.True((bool)answer["planCreated"]!);
        Assert.False((bool)answer["planUpdated"]!);
        Assert.Equal(2026, (int)answer["year"]!);
        Assert.Equal(PlansApi.SeedTitle, (string?)answer["title"]);
        Assert.Equal(29, (int)answer["tasksCreated"]!);
        Assert.Equal(0, (int)answer["tasksUpdated"]!);
        Assert.Equal(0, (int)answer["tasksUnchanged"]!);
        Assert.Equal(0, (int)answer["tasksRemoved"]!);
        Assert.Empty(answer["unresolved"]!.AsArray());

        Assert.Equal(29L, await Factory.Count("tasks"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("select count(*) from task_assignees where unit_id is null and \"group\" is null"));
        var tasks = await Client.SeedTasks();
        Assert.Equal(29, tasks.Count);
        var byGroup = tasks.Keys.GroupBy(k => k.Group).ToDictionary(g => g.Key, g => g.Select(k => k.Sequence).Order().ToList());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], byGroup["Q1"]);
        Assert.Equal([1, 2, 3, 4], byGroup["Q2"]);
        Assert.Equal([1, 2, 3, 4], byGroup["Q3"]);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], byGroup["Q4"]);
        Assert.Equal([1, 2, 3, 4, 5, 6], byGroup["Recurring"]);
        Assert.All(tasks.Values, t => Assert.Equal((string?)answer["planId"], (string?)t["planId"]));
        Assert.All(tasks.Values, t => Assert.Equal("NotStarted", (string?)t["status"]));
    }

    [Fact]
    public async Task ImportPlan_WhenSeedText_ReadsTheHeader()
    {
        var answer = await Client.ImportSeedPlan();

        var plan = await Client.GetPlan(answer["planId"]!);
        Assert.Equal(PlansApi.SeedTitle, (string?)plan["title"]);
        Assert.Equal(2026, (int)plan["year"]!);
        Assert.Equal("Draft", (string?)plan["status"]);
        Assert.Null(plan["number"]);     // "Số: /KH-UBND" is still blank
        Assert.Null(plan["issueDate"]);  // "ngày tháng năm 2026"
        Assert.Equal("UBND tỉnh Bắc Ninh", (string?)plan["issuingBody"]);
        Assert.Equal("Bắc Ninh", (string?)plan["place"]);
        Assert.Equal("Phạm Hoàng Sơn", (string?)plan["signerName"]);
        Assert.Equal("Chủ tịch", (string?)plan["signerTitle"]);
        var bases = plan["legalBases"]!.AsArray().Select(b => (string)b!).ToList();
        Assert.Equal(3, bases.Count);
        Assert.Equal("Căn cứ Luật Thi đua, khen thưởng năm 2022", bases[0]);
        Assert.StartsWith("Căn cứ Nghị định số 152/2025/NĐ-CP", bases[1]);
        Assert.StartsWith("Căn cứ Nghị quyết số 82/NQ-HĐND", bases[2]);
        Assert.Equal(["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"],
            plan["sections"]!.AsArray().Select(s => (string?)s!["heading"]));
        Assert.StartsWith("Tăng cường vai trò lãnh đạo", (string?)plan["purpose"]);
        Assert.StartsWith("Các cấp, các ngành", (string?)plan["requirements"]);
        var recipients = plan["recipients"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(9, recipients.Count);
        Assert.Equal("Ban TĐKT Trung ương (đề b/c)", recipients[0]);
        Assert.Equal("UBND các xã, phường", recipients[6]);
        Assert.Equal(29, (int)plan["taskCount"]!);
    }

    /// <summary>Leads and coordinators of sample rows, as the seed text writes them (units by code, groups by name, in order).</summary>
    [Theory]
    // a plain row: "Sở Nội vụ" / "Văn phòng UBND tỉnh"
    [InlineData("Q1", 1, "SNV", "VP-UBND", "Sở Nội vụ", "Văn phòng UBND tỉnh")]
    // a group as lead, with the "Cụm trường" typo; the council as coordinator by its short name
    [InlineData("Q1", 3, "ClusterAndBlocLeaders", "HDTDKT", "Cụm trường, Khối trường các Cụm, Khối thi đua.", "Hội đồng TĐKT tỉnh")]
    // two groups as lead in one cell, split on ';'
    [InlineData("Q1", 4, "ClusterAndBlocLeaders|AllLocalitiesAndUnits", "SNV", "Cụm trường, Khối trường các Cụm, Khối thi đua; Các địa phương, đơn vị, địa phương.", "Sở Nội vụ.")]
    // the council as lead; "- A; - B." bullets
    [InlineData("Q1", 5, "HDTDKT", "AllClustersAndBlocs|AllLocalitiesAndUnits", "Hội đồng TĐKT tỉnh.", "- Các Cụm, Khối thi đua; - Các địa phương, đơn vị.")]
    // a comma that separates a unit from a group inside one bullet
    [InlineData("Q3", 3, "SGDDT", "SNV|RelatedUnits|AllCommunesAndWards", "Sở Giáo dục và Đào tạo.", "- Sở Nội vụ, các cơ quan đơn vị có liên quan; - Các xã, phường.")]
    // a comma that does not separate
    [InlineData("Q4", 4, "SNV", "ClusterAndBlocLeaders", "Sở Nội vụ.", "Cụm trưởng, Khối trưởng các Cụm, Khối thi đua.")]
    // UBND tỉnh itself as lead
    [InlineData("Q4", 8, "UBND-TINH", "SNV", "UBND tỉnh.", "Sở Nội vụ.")]
    // three coordinators: "- A; B; - C."
    [InlineData("Recurring", 1, "SNV", "BPTTH|TTTT|AllLocalitiesAndUnits", "Sở Nội vụ.", "- Báo và Phát thanh, truyền hình Bắc Ninh; Trung tâm Thông tin tỉnh; - Các cơ quan, địa phương, đơn vị.")]
    // "- Sở Nội vụ. - Báo …; Trung tâm …" (a bullet after a period)
    [InlineData("Recurring", 3, "AllLocalitiesAndUnits", "SNV|BPTTH|TTTT", "Các cơ quan, đơn vị, địa phương.", "- Sở Nội vụ. - Báo và Phát thanh, truyền hình Bắc Ninh; Trung tâm Thông tin tỉnh.")]
    // "Khó khăn thi đua" typo as lead
    [InlineData("Recurring", 4, "AllClustersAndBlocs|AllLocalitiesAndUnits", "SNV", "- Các Cụm, Khó khăn thi đua; - Các địa phương, đơn vị.", "Sở Nội vụ")]
    public async Task ImportPlan_WhenSeedText_ResolvesLeadsAndCoordinators(string group, int sequence, string leads, string coordinators,
        string leadText, string coordinatorText)
    {
        await Client.ImportSeedPlan();

        var task = (await Client.SeedTasks())[(group, sequence)];

        Assert.Equal(leads.Split('|'), task.Codes("leads"));
        Assert.Equal(coordinators.Split('|'), task.Codes("coordinators"));
        Assert.Equal(leadText, (string?)task["leadText"]);
        Assert.Equal(coordinatorText, (string?)task["coordinatorText"]);
        Assert.All(task["leads"]!.AsArray().Concat(task["coordinators"]!.AsArray()),
            a => Assert.False(string.IsNullOrWhiteSpace((string?)a!["text"]))); // each name keeps its text
    }

    [Fact]
    public async Task ImportPlan_WhenSeedText_ReadsTimingsConditionsAndDeadlines()
    {
        await Client.ImportSeedPlan();
        var tasks = await Client.SeedTasks();

        var first = tasks[("Q1", 1)];
        Assert.Equal("Month", (string?)first["timing"]!["kind"]);
        Assert.Equal(3, (int)first["timing"]!["month"]!);
        Assert.Equal("Tháng 3", (string?)first["timing"]!["text"]);
        Assert.Null(first["timing"]!["condition"]);
        Assert.Equal("2026-03-31", (string?)first["deadline"]);
        Assert.Equal("Ban hành Chỉ thị phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2026.",
            (string?)first["content"]);

        var ifAny = tasks[("Q3", 1)];
        Assert.Equal("nếu có", (string?)ifAny["timing"]!["condition"]);
        Assert.Equal("2026-07-31", (string?)ifAny["deadline"]);
        Assert.EndsWith("(nếu có).", (string?)ifAny["content"]);

        var trigger = tasks[("Q4", 2)];
        Assert.Equal("Khi Luật thi đua khen thưởng mới có hiệu lực thi hành", (string?)trigger["timing"]!["condition"]);
        Assert.Equal("2026-10-31", (string?)trigger["deadline"]);

        Assert.Equal("nếu có", (string?)tasks[("Q4", 8)]["timing"]!["condition"]);
        Assert.Equal("2026-12-31", (string?)tasks[("Q4", 8)]["deadline"]);
        Assert.Equal(["Q3/1", "Q4/2", "Q4/8"], tasks.Where(t => t.Value["timing"]!["condition"] is not null)
            .Select(t => $"{t.Key.Group}/{t.Key.Sequence}").Order());

        Assert.All(tasks.Where(t => t.Key.Group == "Recurring").Select(t => t.Value), t =>
        {
            Assert.Equal("Recurring", (string?)t["timing"]!["kind"]);
            Assert.Equal("Thường xuyên", (string?)t["timing"]!["text"]);
            Assert.Null(t["deadline"]);
        });
        Assert.Equal("2026-06-30", (string?)tasks[("Q2", 4)]["deadline"]);
        Assert.Equal("2026-09-30", (string?)tasks[("Q3", 4)]["deadline"]);
    }

    [Fact]
    public async Task ImportPlan_WhenTheSameTextIsLoadedAgain_ChangesNothing()
    {
        var first = await Client.ImportSeedPlan();
        var before = await Snapshot();
        var tasksBefore = await Client.SeedTasks();

        var again = await (await Client.ImportPlanText(PlansApi.SeedPlanText)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal((string?)first["planId"], (string?)again["planId"]);
        Assert.False((bool)again["planCreated"]!);
        Assert.False((bool)again["planUpdated"]!);
        Assert.Equal(0, (int)again["tasksCreated"]!);
        Assert.Equal(0, (int)again["tasksUpdated"]!);
        Assert.Equal(29, (int)again["tasksUnchanged"]!);
        Assert.Equal(0, (int)again["tasksRemoved"]!);
        Assert.Empty(again["unresolved"]!.AsArray());
        Assert.Equal(before, await Snapshot());
        var tasksAfter = await Client.SeedTasks();
        Assert.All(tasksBefore, t => Assert.Equal((uint)t.Value["version"]!, (uint)tasksAfter[t.Key]["version"]!));
    }

    [Fact]
    public async Task ImportPlan_WhenUnitsAreNotRegistered_KeepsTheNamesAsWrittenAndListsThemUnresolved()
    {
        var answer = await Client.ImportSeedPlan(withUnits: false);

        Assert.Equal(29, (int)answer["tasksCreated"]!);
        var unresolved = answer["unresolved"]!.AsArray();
        Assert.NotEmpty(unresolved);
        Assert.Contains(unresolved, u => (int)u!["line"]! == 99 && (string?)u["group"] == "Q1" && (int)u["sequence"]! == 1
                                         && (string?)u["role"] == "Lead" && (string?)u["text"] == "Sở Nội vụ");
        Assert.Contains(unresolved, u => (string?)u!["group"] == "Q1" && (int)u["sequence"]! == 1
                                         && (string?)u["role"] == "Coordinator" && (string?)u["text"] == "Văn phòng UBND tỉnh");
        // Groups need no registry: they still resolve.
        Assert.DoesNotContain(unresolved, u => ((string)u!["text"]!).Contains("Cụm", StringComparison.OrdinalIgnoreCase));

        var task = (await Client.SeedTasks())[("Q1", 1)];
        var lead = Assert.Single(task["leads"]!.AsArray());
        Assert.Null(lead!["unitId"]);
        Assert.Null(lead["group"]);
        Assert.Equal("Sở Nội vụ", (string?)lead["text"]);
        Assert.Equal((long)unresolved.Count, await Factory.ScalarAsync<long>("select count(*) from task_assignees where unit_id is null and \"group\" is null"));
    }

    [Fact]
    public async Task ImportPlan_WhenTheTextOfADraftChanges_UpdatesAddsAndRemovesTasks()
    {
        await Client.ImportSeedPlan();
        var text = PlansApi.SeedPlanText
            .Replace("Tham dự Hội nghị tổng kết công tác thi đua năm 2025 của Cụm thi đua các tỉnh Trung du và Đồng bằng Sông Hồng.\tSở Nội vụ.\tVăn phòng UBND tỉnh.\tTháng 3",
                "Tham dự Hội nghị tổng kết công tác thi đua năm 2025 của Cụm thi đua các tỉnh Trung du và Đồng bằng Sông Hồng.\tSở Nội vụ.\tVăn phòng UBND tỉnh.\tTháng 4",
                StringComparison.Ordinal);
        var lines = text.Split('\n').ToList();
        var q1Seven = lines.FindIndex(l => l.StartsWith("7\tTham mưu ban hành Quyết định về việc tổ chức", StringComparison.Ordinal));
        Assert.True(q1Seven > 0);
        lines.RemoveAt(q1Seven);
        var q2Four = lines.FindIndex(l => l.StartsWith("4\tXét duyệt khen cao", StringComparison.Ordinal));
        lines.Insert(q2Four + 1, "5\tRà soát hồ sơ khen thưởng.\tSở Nội vụ.\tSở Tài chính\tQuý II");
        text = string.Join('\n', lines);

        var answer = await (await Client.ImportPlanText(text)).ExpectJson(HttpStatusCode.OK);

        Assert.False((bool)answer["planCreated"]!);
        Assert.Equal(1, (int)answer["tasksCreated"]!);
        Assert.Equal(1, (int)answer["tasksUpdated"]!);
        Assert.Equal(1, (int)answer["tasksRemoved"]!);
        Assert.Equal(27, (int)answer["tasksUnchanged"]!);
        Assert.Equal(29L, await Factory.Count("tasks"));
        var tasks = await Client.SeedTasks();
        Assert.Equal("2026-04-30", (string?)tasks[("Q1", 6)]["deadline"]);
        Assert.False(tasks.ContainsKey(("Q1", 7)));
        var added = tasks[("Q2", 5)];
        Assert.Equal("Quarter", (string?)added["timing"]!["kind"]);
        Assert.Equal("2026-06-30", (string?)added["deadline"]);
        Assert.Equal(["STC"], added.Codes("coordinators"));
    }

    [Fact]
    public async Task ImportPlan_WhenTheTextOfAnIssuedPlanChanges_Returns409AndChangesNothing()
    {
        var answer = await Client.ImportSeedPlan();
        await Client.IssuePlan(answer["planId"]!, "15/KH-UBND", "2026-01-20");
        var before = await Snapshot();
        var changed = PlansApi.SeedPlanText.Replace("\tTháng 9", "\tTháng 10", StringComparison.Ordinal);
        Assert.NotEqual(PlansApi.SeedPlanText, changed);

        var problem = await (await Client.ImportPlanText(changed)).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("issued", (string?)problem["detail"]);
        Assert.Equal(before, await Snapshot());
        Assert.Equal("2026-09-30", (string?)(await Client.SeedTasks())[("Q3", 4)]["deadline"]);
    }

    /// <summary>
    /// The seed step of ./run.sh loads this text on every run ("running it again changes nothing"), and issuing the
    /// plan gives it the number and date the text leaves blank. Loading the unchanged text again must still be a no-op.
    /// </summary>
    [Fact]
    public async Task ImportPlan_WhenTheSameTextIsLoadedAfterThePlanWasIssued_ChangesNothing()
    {
        var answer = await Client.ImportSeedPlan();
        await Client.IssuePlan(answer["planId"]!, "15/KH-UBND", "2026-01-20");
        var before = await Snapshot();

        var again = await (await Client.ImportPlanText(PlansApi.SeedPlanText)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(29, (int)again["tasksUnchanged"]!);
        Assert.False((bool)again["planUpdated"]!);
        Assert.Equal(before, await Snapshot());
        var plan = await Client.GetPlan(answer["planId"]!);
        Assert.Equal("Issued", (string?)plan["status"]);
        Assert.Equal("15/KH-UBND", (string?)plan["number"]);
    }

    private async Task<string> Snapshot() => string.Join('|',
        await Factory.Count("plans"), await Factory.Count("tasks"), await Factory.Count("task_assignees"),
        await Factory.ScalarAsync<DateTime>("select max(updated_at) from tasks"),
        await Factory.ScalarAsync<DateTime>("select max(updated_at) from plans"));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Units;

namespace EmulationApi.Api.IntegrationTests.Security;

public sealed class AuditTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/audit";

    private async Task<JsonArray> Entries(string query = "") =>
        (await (await Client.GetAsync($"{Url}?pageSize=200{query}")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task Create_RecordsWhoWhatAndTheFields()
    {
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor", name: "Văn phòng Sở Nội vụ"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var plan = await (await editor.PostJson("/api/v1/plans", new { year = 2026, title = "Kế hoạch thi đua 2026" })).ExpectJson(HttpStatusCode.Created);

        var entry = Assert.Single(await Entries("&entity=Plan"));
        Assert.Equal("Văn phòng Sở Nội vụ", (string?)entry!["client"]);
        Assert.Equal("CreatePlan", (string?)entry["useCase"]);
        Assert.Equal("Created", (string?)entry["action"]);
        Assert.Equal((string?)plan["id"], (string?)entry["entityId"]);
        Assert.Equal("Kế hoạch thi đua 2026", (string?)entry["changes"]!["title"]!["to"]);
        Assert.Equal(2026, (int)entry["changes"]!["year"]!["to"]!);
        Assert.True(DateTimeOffset.Parse((string)entry["at"]!, System.Globalization.CultureInfo.InvariantCulture) >= before);
    }

    [Fact]
    public async Task Update_RecordsOnlyTheChangedFieldsWithOldAndNewValues()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var response = await Client.PutAsJsonAsync($"/api/v1/units/{unit["id"]}", new { name = "Sở Nội vụ tỉnh Bắc Ninh", kind = "Department" });
        await response.ExpectJson(HttpStatusCode.OK);

        var entries = await Entries($"&entity=Unit&entityId={unit["id"]}&action=Updated");
        var entry = Assert.Single(entries);
        Assert.Equal("bootstrap-admin", (string?)entry!["client"]);
        var changes = entry["changes"]!.AsObject();
        Assert.Equal(["name"], changes.Select(c => c.Key));
        Assert.Equal("Sở Nội vụ", (string?)changes["name"]!["from"]);
        Assert.Equal("Sở Nội vụ tỉnh Bắc Ninh", (string?)changes["name"]!["to"]);
    }

    [Fact]
    public async Task UnitEntries_NameTheUnitByItsCurrentCodeAndName_OtherEntitiesAndDeletedUnitsByNone()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var gone = await Client.CreateUnit("STP", "Sở Tư pháp");
        await (await Client.PutAsJsonAsync($"/api/v1/units/{unit["id"]}", new { name = "Sở Nội vụ tỉnh Bắc Ninh", kind = "Department" })).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/v1/units/{gone["id"]}")).StatusCode);
        await (await Client.PostJson("/api/v1/plans", new { year = 2026, title = "Kế hoạch thi đua 2026" })).ExpectJson(HttpStatusCode.Created);

        var named = await Entries($"&entity=Unit&entityId={unit["id"]}");
        var deleted = await Entries($"&entity=Unit&entityId={gone["id"]}");
        var plan = Assert.Single(await Entries("&entity=Plan"));

        Assert.Equal(["Updated", "Created"], named.Select(e => (string)e!["action"]!));
        Assert.All(named, e =>
        {
            Assert.Equal((string?)unit["id"], (string?)e!["unit"]!["id"]);
            Assert.Equal("SNV", (string?)e["unit"]!["code"]);
            Assert.Equal("Sở Nội vụ tỉnh Bắc Ninh", (string?)e["unit"]!["name"]);
            Assert.Equal("Department", (string?)e["unit"]!["kind"]);
        });
        Assert.Equal(["Deleted", "Created"], deleted.Select(e => (string)e!["action"]!));
        Assert.All(deleted, e => Assert.Null(e!["unit"]));
        Assert.True(plan!.AsObject().ContainsKey("unit"));
        Assert.Null(plan["unit"]);
    }

    [Fact]
    public async Task RejectedWrites_LeaveNoEntry()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        using var reader = Factory.ClientWithKey(await Client.CreateKey("Reader"));
        var count = await AuditCount();
        Assert.Equal(2L, count); // the unit and the key

        await (await Client.PostJson("/api/v1/units", new { code = "", name = "", kind = "Department" })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(count, await AuditCount());
        await (await Client.PostJson("/api/v1/units", new { code = "snv", name = "Trùng mã", kind = "Department" })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(count, await AuditCount());
        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv("code,name,kind\nA,Một,Department\nB,,Department\n"))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(count, await AuditCount());
        await (await reader.PostJson("/api/v1/plans", new { year = 2026, title = "x" })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(count, await AuditCount());
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM plans"));
    }

    private Task<long> AuditCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

    [Fact]
    public async Task UnitImport_IsOneEntryWithTheCounts()
    {
        using var loader = Factory.ClientWithKey(await Client.CreateKey("Loader", name: "kịch bản nạp đơn vị"));
        var csv = "code,name,kind\n" + string.Join("\n", Enumerable.Range(1, 50).Select(i => $"U{i},Đơn vị {i},Department")) + "\n";

        await (await loader.PostAsync("/api/v1/units/import", TestHttp.Csv(csv))).ExpectJson(HttpStatusCode.OK);
        await (await loader.PostAsync("/api/v1/units/import?dryRun=true", TestHttp.Csv(csv.Replace("Đơn vị 1,", "Đơn vị một,")))).ExpectJson(HttpStatusCode.OK);

        var entry = Assert.Single(await Entries("&client=kịch bản nạp đơn vị"));
        Assert.Equal("Imported", (string?)entry!["action"]);
        Assert.Equal("Unit", (string?)entry["entity"]);
        Assert.Equal("ImportUnits", (string?)entry["useCase"]);
        Assert.Null(entry["unit"]); // a summary of many units names no one of them
        Assert.Equal(50, (int)entry["changes"]!["created"]!);
        Assert.Equal(0, (int)entry["changes"]!["updated"]!);
    }

    [Fact]
    public async Task PlanImport_IsOneEntryWithTheCounts()
    {
        await (await Client.PostAsync("/api/v1/units/import", TestHttp.Csv(EmulationApi.Infrastructure.Seed.SeedData.ReadText(EmulationApi.Infrastructure.Seed.SeedData.UnitsCsv)))).ExpectJson(HttpStatusCode.OK);
        var text = EmulationApi.Infrastructure.Seed.SeedData.ReadText(EmulationApi.Infrastructure.Seed.SeedData.Plan2026);

        var result = await (await Client.PostAsync("/api/v1/plans/import", new StringContent(text, System.Text.Encoding.UTF8, "text/plain"))).ExpectJson(HttpStatusCode.OK);

        var entry = Assert.Single(await Entries("&entity=Plan"));
        Assert.Equal("Imported", (string?)entry!["action"]);
        Assert.Equal((string?)result["planId"], (string?)entry["entityId"]);
        Assert.Equal(29, (int)entry["changes"]!["tasksCreated"]!);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE entity = 'PlanTask'"));
    }

    [Fact]
    public async Task ReadingTheTrail_IsForAdminsOnly_AndFiltersValidate()
    {
        using var editor = Factory.ClientWithKey(await Client.CreateKey("Editor"));

        await (await editor.GetAsync(Url)).ExpectProblem(HttpStatusCode.Forbidden);
        var problem = await (await Client.GetAsync($"{Url}?action=Exploded")).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("Imported", problem.ToJsonString());
        await (await Client.GetAsync($"{Url}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// PostgreSQL refuses to change or delete an entry, whoever asks. TRUNCATE is not covered (the trigger is FOR EACH
    /// ROW, and the test reset empties every table with it); only the table's owner may truncate.
    /// </summary>
    [Theory]
    [InlineData("UPDATE audit_entries SET client = 'someone else' RETURNING 1")]
    [InlineData("UPDATE audit_entries SET changes = NULL WHERE action = 'Created' RETURNING 1")]
    [InlineData("DELETE FROM audit_entries RETURNING 1")]
    [InlineData("DELETE FROM audit_entries WHERE entity = 'Unit' RETURNING 1")]
    public async Task Trail_IsAppendOnly(string change)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        var before = await Factory.ScalarAsync<string>("SELECT json_agg(a ORDER BY id)::text FROM audit_entries a");

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Factory.ScalarAsync<long>($"WITH d AS ({change}) SELECT count(*) FROM d"));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(before, await Factory.ScalarAsync<string>("SELECT json_agg(a ORDER BY id)::text FROM audit_entries a"));
        Assert.Contains("\"client\":\"bootstrap-admin\"", before);
    }

    [Fact]
    public async Task KeyManagement_IsAudited_WithoutTheSecret()
    {
        var key = await Client.CreateKey("Reader", name: "portal");

        var entry = Assert.Single(await Entries("&entity=ApiKey"));
        Assert.Equal("Created", (string?)entry!["action"]);
        Assert.DoesNotContain(key, entry.ToJsonString());
        Assert.Null(entry["changes"]!["hash"]);
        Assert.Null(entry["changes"]!["salt"]);
    }
}

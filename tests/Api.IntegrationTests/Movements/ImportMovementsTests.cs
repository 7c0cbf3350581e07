using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Infrastructure.Seed;

namespace EmulationApi.Api.IntegrationTests.Movements;

/// <summary>Registering the movements the 2026 plan's part II.2 names: the 2026–2030 national one and the continuing ones.</summary>
public sealed class ImportMovementsTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string Plan = SeedData.ReadText(SeedData.Plan2026);

    private const string MainName = "Thi đua đổi mới, sáng tạo, tăng tốc, bứt phá đưa đất nước vào kỷ nguyên phát triển giàu mạnh, phồn vinh, văn minh, hạnh phúc";

    /// <summary>The continuing movements the plan quotes, in its order.</summary>
    private static readonly string[] Continuing =
    [
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
        "Cả nước thi đua đổi mới sáng tạo, phát triển khoa học công nghệ và chuyển đổi số, chuyển đổi xanh",
        "Phát triển doanh nghiệp tư nhân, nâng cao hiệu quả doanh nghiệp nhà nước",
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2024-2030",
        "Cả nước thi đua đổi mới sáng tạo và chuyển đổi số",
        "Bình dân học vụ số",
    ];

    private Task<HttpResponseMessage> Import(string text, string mediaType = "text/plain") =>
        Client.PostAsync(MovementsApi.ImportUrl, new StringContent(text, Encoding.UTF8, mediaType));

    private async Task<JsonNode[]> AllMovements() =>
        [.. (await (await Client.GetAsync(MovementsApi.Url + "?pageSize=200")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(m => m!)];

    private Task<long> MovementCount() => Factory.ScalarAsync<long>("SELECT count(*) FROM movements");

    [Fact]
    public async Task ImportMovements_WhenSeedPlan_RegistersTheNationalMovementAndEveryContinuingOneAsLaunchedWithoutALaunchDate()
    {
        var result = await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(9, (int)result["created"]!);
        Assert.Equal(0, (int)result["unchanged"]!);
        Assert.Equal(9, result["movementIds"]!.AsArray().Count);
        Assert.Equal(9L, await MovementCount());
        var all = await AllMovements();
        Assert.All(all, m => Assert.Equal("Launched", (string?)m["status"]));
        // The plan says who launched each movement, never when: the launch step has no date rather than 1 January.
        Assert.All(all, m => Assert.Equal("Launched", (string?)Assert.Single(m["steps"]!.AsArray())!["status"]));
        Assert.All(all, m => Assert.Null(m["steps"]![0]!["date"]));
        Assert.Equal(9L, await Factory.ScalarAsync<long>("SELECT count(*) FROM movements WHERE steps -> 0 ->> 'date' IS NULL"));

        var main = Assert.Single(all, m => (string?)m["name"] == MainName);
        Assert.Equal("1 mục tiêu xuyên suốt - 3 đột phá - 5 trọng tâm", (string?)main["slogan"]);
        Assert.Equal("Regular", (string?)main["form"]);
        Assert.Equal("PrimeMinister", (string?)main["launcherLevel"]);
        Assert.Equal("Đại hội thi đua yêu nước toàn quốc lần thứ XI", (string?)main["launchDocument"]);
        Assert.Equal("2026-01-01", (string?)main["startDate"]);
        Assert.Equal("2030-12-31", (string?)main["endDate"]);
        Assert.Equal("Đại hội thi đua yêu nước toàn quốc lần thứ XI", (string?)main["steps"]![0]!["documentReference"]);

        foreach (var name in Continuing)
        {
            var movement = Assert.Single(all, m => (string?)m["name"] == name);
            Assert.Equal("Thematic", (string?)movement["form"]);
            Assert.Equal("Central", (string?)movement["launcherLevel"]);
        }
        var learning = all.Single(m => (string?)m["name"] == Continuing[4]);
        Assert.Equal("2024-01-01", (string?)learning["startDate"]);
        Assert.Equal("2030-12-31", (string?)learning["endDate"]);
        var office = all.Single(m => (string?)m["name"] == Continuing[0]);
        // Continued by the plan, with no period in its name: no start date (the plan does not say since when).
        Assert.Null(office["startDate"]);
        Assert.Null(office["endDate"]);
        Assert.Equal(7, all.Count(m => m["startDate"] is null));
        Assert.Equal(7L, await Factory.ScalarAsync<long>("SELECT count(*) FROM movements WHERE start_date IS NULL"));

        var airport = Assert.Single(all, m => ((string)m["name"]!).Contains("Cảng hàng không quốc tế Gia Bình"));
        Assert.StartsWith("80 ngày đêm cao điểm giải phóng mặt bằng, 256 ngày đêm hoàn thành", (string?)airport["name"]);
        Assert.EndsWith("đoạn qua địa phận tỉnh Bắc Ninh", (string?)airport["name"]);
        Assert.Equal("Thematic", (string?)airport["form"]);
        Assert.Equal("Province", (string?)airport["launcherLevel"]);
        Assert.Equal("Tỉnh Bắc Ninh", (string?)airport["scope"]);
        Assert.Null(airport["startDate"]);
    }

    [Fact]
    public async Task ImportMovements_WhenImportedAgain_CreatesNothingAndChangesNothing()
    {
        var first = await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);
        var before = await Factory.ScalarAsync<DateTime>("SELECT max(updated_at) FROM movements");

        var again = await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal(9, (int)again["unchanged"]!);
        Assert.Equal(first["movementIds"]!.ToJsonString(), again["movementIds"]!.ToJsonString());
        Assert.Equal(9L, await MovementCount());
        Assert.Equal(before, await Factory.ScalarAsync<DateTime>("SELECT max(updated_at) FROM movements"));
    }

    [Fact]
    public async Task ImportMovements_WhenOneIsRegisteredUnderAnotherSpelling_KeepsItAndCreatesTheOthers()
    {
        var existing = await Client.CreateMovement("Cán bộ, công chức, viên chức thi đua thực hiện văn hoá công sở.", form: "Regular");

        var result = await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(8, (int)result["created"]!);
        Assert.Equal(1, (int)result["unchanged"]!);
        Assert.Contains(existing.Id(), result["movementIds"]!.AsArray().Select(i => (string?)i));
        var kept = await Client.GetMovement(existing.Id());
        Assert.Equal("Draft", (string?)kept["status"]);
        Assert.Equal("Regular", (string?)kept["form"]);
        Assert.Equal(9L, await MovementCount());
    }

    [Fact]
    public async Task ImportMovements_WhenThePlanIsRegistered_LinksEveryMovementToIt()
    {
        var plan = await (await Client.PostAsync("/api/v1/plans/import", new StringContent(Plan, Encoding.UTF8, "text/plain"))).ExpectJson(HttpStatusCode.OK);
        var planId = (string?)plan["planId"];

        await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);
        await (await Import(Plan)).ExpectJson(HttpStatusCode.OK);

        Assert.All(await AllMovements(), m => Assert.Equal([planId], m["planIds"]!.AsArray().Select(p => (string?)p)));
        Assert.Equal(9L, await Factory.ScalarAsync<long>($"SELECT count(*) FROM movements WHERE plan_ids = ARRAY['{planId}'::uuid]"));
    }

    [Theory]
    [InlineData("empty", HttpStatusCode.BadRequest)]
    [InlineData("not a plan", HttpStatusCode.BadRequest)]
    [InlineData("no movement", HttpStatusCode.Conflict)]
    public async Task ImportMovements_WhenTheTextIsNoPlanOrNamesNoMovement_IsRefusedAndWritesNothing(string text, HttpStatusCode expected)
    {
        var body = text switch
        {
            "empty" => "  \n ",
            "not a plan" => "Phong trào thi đua: \"Bình dân học vụ số\"",
            _ => Plan.Replace("phong trào thi đua", "hoạt động", StringComparison.OrdinalIgnoreCase),
        };

        await (await Import(body)).ExpectProblem(expected);

        Assert.Equal(0L, await MovementCount());
    }

    [Fact]
    public async Task ImportMovements_WhenBodyIsNotText_Returns415AndWritesNothing()
    {
        // The endpoint declares text/plain (and 415 for anything else); the plan's own text sent under another media type.
        var response = await Import(Plan, "application/xml");

        await response.ExpectProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0L, await MovementCount());
    }

    [Fact]
    public async Task ImportMovements_WhenTheSamePlanIsImportedConcurrently_RegistersEachMovementOnceAndNeverFails()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Import(Plan)));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await refused.ExpectProblem(HttpStatusCode.Conflict); // lost the race: retrying changes nothing
        Assert.Equal(9L, await MovementCount());
        Assert.Equal(0, (int)(await (await Import(Plan)).ExpectJson(HttpStatusCode.OK))["created"]!);
    }
}

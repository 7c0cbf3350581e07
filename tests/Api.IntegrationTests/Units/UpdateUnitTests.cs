using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class UpdateUnitTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> Put(object id, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{UnitsApi.Url}/{id}")
        {
            Content = JsonContent.Create(body, options: TestHttp.JsonOptions),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request);
    }

    private Task<string> StoredName(string code) => Factory.ScalarAsync<string>($"SELECT name FROM units WHERE code = '{code}'");

    [Fact]
    public async Task UpdateUnit_WhenValid_Returns200WithEveryFieldReplacedAndNewETag()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ", "Department", aliases: ["Sở NV"]);

        var response = await Put(unit["id"]!, new
        {
            name = "Sở Nội vụ tỉnh Bắc Ninh", kind = "Other", shortName = "SNV BN",
            documentExchangeId = "000.00.12.H07", aliases = new[] { "Sở Nội vụ", "SNV tỉnh" },
        });

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal((string?)unit["id"], (string?)body["id"]);
        Assert.Equal("SNV", (string?)body["code"]);
        Assert.Equal("Sở Nội vụ tỉnh Bắc Ninh", (string?)body["name"]);
        Assert.Equal("Other", (string?)body["kind"]);
        Assert.Equal("SNV BN", (string?)body["shortName"]);
        Assert.Equal("000.00.12.H07", (string?)body["documentExchangeId"]);
        Assert.Equal(["Sở Nội vụ", "SNV tỉnh"], body["aliases"]!.AsArray().Select(a => (string?)a));
        Assert.NotEqual((uint)unit["version"]!, (uint)body["version"]!);
        Assert.Equal($"\"{body["version"]}\"", response.Headers.ETag?.Tag);
        Assert.True(DateTimeOffset.Parse((string)body["updatedAt"]!, CultureInfo.InvariantCulture) >= DateTimeOffset.Parse((string)unit["updatedAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse((string)unit["createdAt"]!, CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)body["createdAt"]!, CultureInfo.InvariantCulture));

        var reread = await Client.GetUnitByCode("SNV");
        Assert.Equal("Sở Nội vụ tỉnh Bắc Ninh", (string?)reread["name"]);
        Assert.Equal("Other", (string?)reread["kind"]);
        Assert.Equal("Other", await Factory.ScalarAsync<string>("SELECT kind FROM units WHERE code = 'SNV'"));
    }

    [Fact]
    public async Task UpdateUnit_WhenOptionalFieldsOmitted_ClearsThem()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ", "Department", aliases: ["Sở NV"]);
        await (await Put(unit["id"]!, new { name = "Sở Nội vụ", kind = "Department", shortName = "SNV", documentExchangeId = "X" }))
            .ExpectJson(HttpStatusCode.OK);

        var body = await (await Put(unit["id"]!, new { name = "Sở Nội vụ", kind = "Department" })).ExpectJson(HttpStatusCode.OK);

        Assert.Null(body["shortName"]);
        Assert.Null(body["documentExchangeId"]);
        Assert.Empty(body["aliases"]!.AsArray());
    }

    [Fact]
    public async Task UpdateUnit_WhenNameArrivesInNfdWithExtraSpaces_StoresNfc()
    {
        var unit = await Client.CreateUnit("P-KB", "Phường cũ", "Ward");
        var nfd = "Phường  Kinh\tBắc".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Phường  Kinh\tBắc", nfd);

        var body = await (await Put(unit["id"]!, new { name = " " + nfd + " ", kind = "Ward" })).ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Phường Kinh Bắc", (string?)body["name"]);
        Assert.Equal("Phường Kinh Bắc", await StoredName("P-KB"));
    }

    [Fact]
    public async Task UpdateUnit_WhenIfMatchIsCurrent_Returns200WithNewETag()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var read = await Client.GetAsync($"{UnitsApi.Url}/{unit["id"]}");
        await read.ExpectJson(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag; // the tag the server gave, sent back as it is

        var response = await Put(unit["id"]!, new { name = "Sở Nội vụ tỉnh", kind = "Department" }, ifMatch: etag);

        var body = await response.ExpectJson(HttpStatusCode.OK);
        Assert.Equal("Sở Nội vụ tỉnh", (string?)body["name"]);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        Assert.Equal($"\"{body["version"]}\"", response.Headers.ETag.Tag);

        // The new ETag is the one the next conditional update must carry.
        var next = await Put(unit["id"]!, new { name = "Sở Nội vụ tỉnh Bắc Ninh", kind = "Department" }, ifMatch: response.Headers.ETag.Tag);
        Assert.Equal("Sở Nội vụ tỉnh Bắc Ninh", (string?)(await next.ExpectJson(HttpStatusCode.OK))["name"]);
    }

    [Fact]
    public async Task UpdateUnit_WhenIfMatchIsStar_Returns200()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var body = await (await Put(unit["id"]!, new { name = "Sở Nội vụ tỉnh", kind = "Department" }, ifMatch: "*"))
            .ExpectJson(HttpStatusCode.OK);

        Assert.Equal("Sở Nội vụ tỉnh", (string?)body["name"]);
    }

    [Fact]
    public async Task UpdateUnit_WhenIfMatchIsStale_Returns412AndChangesNothing()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var staleETag = $"\"{unit["version"]}\"";
        var current = await (await Put(unit["id"]!, new { name = "Sở Nội vụ (sửa lần 1)", kind = "Department" }))
            .ExpectJson(HttpStatusCode.OK);

        var problem = await (await Put(unit["id"]!, new { name = "Sở Nội vụ (sửa lần 2)", kind = "Other" }, ifMatch: staleETag))
            .ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Contains("ETag", (string?)problem["detail"]);
        Assert.Equal("Sở Nội vụ (sửa lần 1)", await StoredName("SNV"));
        Assert.Equal("Department", await Factory.ScalarAsync<string>("SELECT kind FROM units WHERE code = 'SNV'"));
        var reread = await Client.GetUnitByCode("SNV");
        Assert.Equal((uint)current["version"]!, (uint)reread["version"]!);
    }

    [Fact]
    public async Task UpdateUnit_WhenSeveralClientsSendTheSameIfMatchAtOnce_ExactlyOneWins()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");
        var etag = $"\"{unit["version"]}\"";

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            Put(unit["id"]!, new { name = $"Sở Nội vụ (bản {i})", kind = "Department" }, ifMatch: etag)));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var winner = await Assert.Single(winners).ExpectJson(HttpStatusCode.OK);
        foreach (var loser in responses.Except(winners))
            await loser.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal((string?)winner["name"], await StoredName("SNV"));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("W/\"42\"")]
    [InlineData("\"abc\"")]
    public async Task UpdateUnit_WhenIfMatchMalformed_Returns400AndChangesNothing(string ifMatch)
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Put(unit["id"]!, new { name = "Khác", kind = "Department" }, ifMatch: ifMatch))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("If-Match", (string?)problem["detail"]);
        Assert.Equal("Sở Nội vụ", await StoredName("SNV"));
    }

    [Fact]
    public async Task UpdateUnit_WhenParentChanged_MovesTheUnit()
    {
        var first = await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        var second = await Client.CreateUnit("TU", "Tỉnh ủy", "PartyBody");
        var child = await Client.CreateUnit("VP", "Văn phòng", "Department", parentCode: "UBND");
        Assert.Equal((string?)first["id"], (string?)child["parentId"]);

        var body = await (await Put(child["id"]!, new { name = "Văn phòng", kind = "Department", parentCode = "tu" }))
            .ExpectJson(HttpStatusCode.OK);

        Assert.Equal((string?)second["id"], (string?)body["parentId"]);
        Assert.Equal("TU", (string?)body["parentCode"]);
        Assert.Equal(second["id"]!.GetValue<string>(),
            (await Factory.ScalarAsync<Guid>("SELECT parent_id FROM units WHERE code = 'VP'")).ToString());
    }

    [Fact]
    public async Task UpdateUnit_WhenParentCodeOmitted_MovesTheUnitToTheTop()
    {
        await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        var child = await Client.CreateUnit("VP", "Văn phòng", "Department", parentCode: "UBND");

        var body = await (await Put(child["id"]!, new { name = "Văn phòng", kind = "Department" })).ExpectJson(HttpStatusCode.OK);

        Assert.Null(body["parentId"]);
        Assert.Null(body["parentCode"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE parent_id IS NOT NULL"));
    }

    [Fact]
    public async Task UpdateUnit_WhenParentCodeUnknown_Returns400OnParentCodeAndChangesNothing()
    {
        var unit = await Client.CreateUnit("VP", "Văn phòng");

        var problem = await (await Put(unit["id"]!, new { name = "Văn phòng mới", kind = "Department", parentCode = "NOPE" }))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("NOPE", (string?)problem["errors"]!["parentCode"]![0]);
        Assert.Equal("Văn phòng", await StoredName("VP"));
    }

    [Fact]
    public async Task UpdateUnit_WhenNewParentIsItsChild_Returns409AndChangesNothing()
    {
        var a = await Client.CreateUnit("A", "Đơn vị A");
        await Client.CreateUnit("B", "Đơn vị B", parentCode: "A");

        var problem = await (await Put(a["id"]!, new { name = "Đơn vị A đổi tên", kind = "Department", parentCode = "B" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains("cycle", (string?)problem["detail"]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'A' AND parent_id IS NULL"));
        Assert.Equal("Đơn vị A", await StoredName("A"));
        Assert.Equal(1L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM units b JOIN units a ON b.parent_id = a.id WHERE b.code = 'B' AND a.code = 'A'"));
    }

    [Fact]
    public async Task UpdateUnit_WhenNewParentIsAGrandchild_Returns409()
    {
        var a = await Client.CreateUnit("A", "Đơn vị A");
        await Client.CreateUnit("B", "Đơn vị B", parentCode: "A");
        await Client.CreateUnit("C", "Đơn vị C", parentCode: "B");

        await (await Put(a["id"]!, new { name = "Đơn vị A", kind = "Department", parentCode = "C" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'A' AND parent_id IS NULL"));
    }

    [Fact]
    public async Task UpdateUnit_WhenParentIsItself_Returns409AndChangesNothing()
    {
        var a = await Client.CreateUnit("A", "Đơn vị A");

        var problem = await (await Put(a["id"]!, new { name = "Đơn vị A đổi tên", kind = "Department", parentCode = "a" }))
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'A' AND parent_id IS NULL"));
        Assert.Equal("Đơn vị A", await StoredName("A"));
    }

    [Fact]
    public async Task UpdateUnit_WhenIdUnknown_Returns404Problem()
    {
        var id = Guid.NewGuid();

        var problem = await (await Put(id, new { name = "Không có", kind = "Department" })).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    [Fact]
    public async Task UpdateUnit_WhenFieldsInvalid_Returns400WithErrorsPerFieldAndChangesNothing()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Put(unit["id"]!, new
        {
            name = "  ", kind = "Department", shortName = new string('x', 101), documentExchangeId = new string('x', 101),
            aliases = new[] { new string('a', 301) },
        })).ExpectProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("name", errors);
        Assert.Contains("shortName", errors);
        Assert.Contains("documentExchangeId", errors);
        Assert.Contains("aliases", errors);
        Assert.Equal("Sở Nội vụ", await StoredName("SNV"));
    }

    [Fact]
    public async Task UpdateUnit_WhenNameTooLong_Returns400OnName()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Put(unit["id"]!, new { name = new string('x', 301), kind = "Department" }))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["name"]);
        Assert.Equal("Sở Nội vụ", await StoredName("SNV"));
    }

    [Fact]
    public async Task UpdateUnit_WhenKindUnknown_Returns400ListingKinds()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.PutAsync($"{UnitsApi.Url}/{unit["id"]}", TestHttp.Json("""{"name":"Sở Nội vụ","kind":"Ministry"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        var message = (string?)problem["errors"]!["kind"]![0];
        Assert.Contains("Department", message);
        Assert.Contains("Other", message);
        Assert.Equal("Department", await Factory.ScalarAsync<string>("SELECT kind FROM units WHERE code = 'SNV'"));
    }

    [Fact]
    public async Task UpdateUnit_WhenKindMissing_Returns400OnKindAndKeepsTheKind()
    {
        var unit = await Client.CreateUnit("P-KB", "Phường Kinh Bắc", "Ward");

        var problem = await (await Client.PutAsync($"{UnitsApi.Url}/{unit["id"]}", TestHttp.Json("""{"name":"Phường Kinh Bắc"}""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["kind"]);
        Assert.Equal("Ward", await Factory.ScalarAsync<string>("SELECT kind FROM units WHERE code = 'P-KB'"));
    }

    [Fact]
    public async Task UpdateUnit_WhenNameHoldsANulCharacter_Returns400AndChangesNothing()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Put(unit["id"]!, new { name = "Sở\u0000Nội vụ", kind = "Department" }))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["name"]);
        Assert.Equal("Sở Nội vụ", await StoredName("SNV"));
    }

    [Fact]
    public async Task UpdateUnit_WhenBodyCarriesACode_Returns400NamingItAndKeepsTheUnit()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.PutAsync($"{UnitsApi.Url}/{unit["id"]}",
            TestHttp.Json("""{"code":"OTHER","name":"Sở Nội vụ tỉnh","kind":"Department"}"""))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.StartsWith("Unknown property 'code'; this operation accepts: aliases, ", (string?)problem["errors"]!["code"]![0]);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'SNV' AND name = 'Sở Nội vụ'"));
    }

    [Fact]
    public async Task UpdateUnit_WhenBodyIsNotJson_Returns400()
    {
        var unit = await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.PutAsync($"{UnitsApi.Url}/{unit["id"]}", TestHttp.Json("""{"name":"x","kind":""")))
            .ExpectProblem(HttpStatusCode.BadRequest);

        Assert.IsType<JsonObject>(problem["errors"]);
        Assert.Equal("Sở Nội vụ", await StoredName("SNV"));
    }
}

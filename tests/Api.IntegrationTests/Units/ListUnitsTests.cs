using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace EmulationApi.Api.IntegrationTests.Units;

public sealed class ListUnitsTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonNode> List(string query = "") =>
        await (await Client.GetAsync(UnitsApi.Url + query)).ExpectJson(HttpStatusCode.OK);

    private static string[] Codes(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["code"]!)];

    private static string[] Names(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["name"]!)];

    /// <summary>The nextPage link split into path and query values, so that parameter order does not matter.</summary>
    private static (string Path, Dictionary<string, string> Query) ParseLink(string link)
    {
        var q = link.IndexOf('?');
        Assert.True(q > 0, $"'{link}' has no query");
        return (link[..q], QueryHelpers.ParseQuery(link[q..]).ToDictionary(p => p.Key, p => p.Value.ToString()));
    }

    private async Task CreateFive()
    {
        foreach (var i in new[] { 3, 1, 5, 2, 4 })
            await Client.CreateUnit($"U{i}", $"Đơn vị {i}");
    }

    [Fact]
    public async Task ListUnits_WhenMorePagesRemain_LinksTheNextPageWithTheSameQuery()
    {
        await CreateFive();

        var first = await List("?sort=code&pageSize=2");

        Assert.Equal(["U1", "U2"], Codes(first));
        Assert.Equal(1, (int)first["page"]!);
        Assert.Equal(2, (int)first["pageSize"]!);
        Assert.Equal(5, (int)first["totalCount"]!);
        var (path, query) = ParseLink((string)first["nextPage"]!);
        Assert.Equal(UnitsApi.Url, path);
        Assert.Equal(new Dictionary<string, string> { ["sort"] = "code", ["pageSize"] = "2", ["page"] = "2" }, query);
    }

    [Fact]
    public async Task ListUnits_WhenFollowingNextPageLinks_VisitsEveryUnitOnceAndEndsWithNull()
    {
        await CreateFive();

        var first = await List("?sort=code&pageSize=2");
        var second = await (await Client.GetAsync((string)first["nextPage"]!)).ExpectJson(HttpStatusCode.OK);
        var third = await (await Client.GetAsync((string)second["nextPage"]!)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(["U3", "U4"], Codes(second));
        Assert.Equal(2, (int)second["page"]!);
        Assert.Equal(5, (int)second["totalCount"]!);
        Assert.Equal(["U5"], Codes(third));
        Assert.Equal(3, (int)third["page"]!);
        Assert.Equal(2, (int)third["pageSize"]!);
        Assert.Equal(5, (int)third["totalCount"]!);
        Assert.True(third.AsObject().ContainsKey("nextPage"), "nextPage must be present (null) on the last page");
        Assert.Null(third["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenLastPageIsExactlyFull_NextPageIsNull()
    {
        await CreateFive();

        var last = await List("?sort=code&pageSize=5");

        Assert.Equal(["U1", "U2", "U3", "U4", "U5"], Codes(last));
        Assert.Equal(5, (int)last["totalCount"]!);
        Assert.Null(last["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenPageGivenInTheQuery_NextPageReplacesIt()
    {
        await CreateFive();

        var page = await List("?Page=2&pageSize=2&sort=code");

        Assert.Equal(["U3", "U4"], Codes(page));
        var (_, query) = ParseLink((string)page["nextPage"]!);
        Assert.Equal("3", query["page"]);
        Assert.Equal(["page", "pageSize", "sort"], query.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListUnits_WhenFiltersGiven_NextPageKeepsThemAndTheLinkWorks()
    {
        foreach (var i in Enumerable.Range(1, 3))
            await Client.CreateUnit($"SO{i}", $"Sở số {i}", "Department");
        await Client.CreateUnit("W1", "Phường Sở", "Ward");

        var first = await List($"?q={Uri.EscapeDataString("sở")}&kind=Department&pageSize=2&sort=code");

        Assert.Equal(["SO1", "SO2"], Codes(first));
        Assert.Equal(3, (int)first["totalCount"]!);
        var (_, query) = ParseLink((string)first["nextPage"]!);
        Assert.Equal("sở", query["q"]);
        Assert.Equal("Department", query["kind"]);
        var second = await (await Client.GetAsync((string)first["nextPage"]!)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["SO3"], Codes(second));
        Assert.Null(second["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenPageBeyondTheEnd_ReturnsNoItemsAndTheTotal()
    {
        await CreateFive();

        var page = await List("?page=9&pageSize=2");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(9, (int)page["page"]!);
        Assert.Equal(5, (int)page["totalCount"]!);
        Assert.Null(page["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenNoPagingGiven_UsesFirstPageOfFifty()
    {
        await CreateFive();

        var page = await List();

        Assert.Equal(1, (int)page["page"]!);
        Assert.Equal(50, (int)page["pageSize"]!);
        Assert.Equal(5, (int)page["totalCount"]!);
        Assert.Equal(5, page["items"]!.AsArray().Count);
        Assert.Null(page["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenEmpty_ReturnsNoItems()
    {
        var page = await List();

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, (int)page["totalCount"]!);
        Assert.Null(page["nextPage"]);
    }

    [Fact]
    public async Task ListUnits_WhenKindGiven_ReturnsOnlyThatKind()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ", "Department");
        await Client.CreateUnit("P-KB", "Phường Kinh Bắc", "Ward");
        await Client.CreateUnit("P-VC", "Phường Vũ Ninh", "Ward");
        await Client.CreateUnit("X-HH", "Xã Hòa Long", "Commune");

        var page = await List("?kind=Ward&sort=code");

        Assert.Equal(["P-KB", "P-VC"], Codes(page));
        Assert.Equal(2, (int)page["totalCount"]!);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal("Ward", (string?)i!["kind"]));
    }

    [Fact]
    public async Task ListUnits_WhenActiveGiven_ReturnsOnlyUnitsWithThatFlag()
    {
        await Client.CreateUnit("A1", "Đơn vị A1");
        var retired = await Client.CreateUnit("A2", "Đơn vị A2");
        await Client.CreateUnit("A3", "Đơn vị A3");
        await (await Client.PostAsync($"{UnitsApi.Url}/{retired["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);

        var inactive = await List("?active=false");
        var active = await List("?active=true&sort=code");
        var all = await List();

        Assert.Equal(["A2"], Codes(inactive));
        Assert.False((bool)inactive["items"]![0]!["isActive"]!);
        Assert.Equal(1, (int)inactive["totalCount"]!);
        Assert.Equal(["A1", "A3"], Codes(active));
        Assert.Equal(3, (int)all["totalCount"]!);
    }

    [Fact]
    public async Task ListUnits_WhenParentCodeGiven_ReturnsItsDirectChildrenWithoutRegardToCase()
    {
        await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        await Client.CreateUnit("TU", "Tỉnh ủy", "PartyBody");
        await Client.CreateUnit("VP", "Văn phòng UBND", parentCode: "UBND");
        await Client.CreateUnit("SNV", "Sở Nội vụ", parentCode: "UBND");
        await Client.CreateUnit("VP-HC", "Phòng Hành chính", parentCode: "VP");
        await Client.CreateUnit("BTC", "Ban Tổ chức", "PartyBody", parentCode: "TU");

        var page = await List("?parentCode=ubnd&sort=code");

        Assert.Equal(["SNV", "VP"], Codes(page));
        Assert.Equal(2, (int)page["totalCount"]!);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal("UBND", (string?)i!["parentCode"]));
    }

    [Fact]
    public async Task ListUnits_WhenFiltersCombined_AppliesThemAll()
    {
        await Client.CreateUnit("UBND", "Ủy ban nhân dân tỉnh", "Other");
        await Client.CreateUnit("P1", "Phường Một", "Ward", parentCode: "UBND");
        var retired = await Client.CreateUnit("P2", "Phường Hai", "Ward", parentCode: "UBND");
        await Client.CreateUnit("S1", "Sở Một", "Department", parentCode: "UBND");
        await Client.CreateUnit("P3", "Phường Ba", "Ward");
        await (await Client.PostAsync($"{UnitsApi.Url}/{retired["id"]}/deactivate", null)).ExpectJson(HttpStatusCode.OK);

        var page = await List("?kind=Ward&active=true&parentCode=UBND");

        Assert.Equal(["P1"], Codes(page));
        Assert.Equal(1, (int)page["totalCount"]!);
    }

    [Theory]
    [InlineData("so noi vu")]
    [InlineData("SỞ NỘI VỤ")]
    [InlineData("noi vu")]
    public async Task ListUnits_WhenSearchingWithoutDiacriticsOrCase_FindsTheVietnameseName(string q)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        await Client.CreateUnit("SVHTT", "Sở Văn hóa, Thể thao và Du lịch");

        var page = await List($"?q={Uri.EscapeDataString(q)}");

        Assert.Equal(["SNV"], Codes(page));
        Assert.Equal(1, (int)page["totalCount"]!);
    }

    [Fact]
    public async Task ListUnits_WhenSearchArrivesInNfd_FindsTheNfcName()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");
        var nfd = "Sở Nội".Normalize(NormalizationForm.FormD);

        var page = await List($"?q={Uri.EscapeDataString(nfd)}");

        Assert.Equal(["SNV"], Codes(page));
    }

    [Fact]
    public async Task ListUnits_WhenSearchMatchesAnAlias_FindsTheUnit()
    {
        await Client.CreateUnit("TDTN", "Ban Thanh niên tỉnh", "MassOrganization", aliases: ["Đoàn Thanh niên", "Tỉnh đoàn"]);
        await Client.CreateUnit("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "MassOrganization");

        var page = await List("?q=DOAN");

        Assert.Equal(["TDTN"], Codes(page));
        Assert.Equal(["Ban Thanh niên tỉnh"], Names(page));
    }

    [Fact]
    public async Task ListUnits_WhenSearchMatchesTheShortName_FindsTheUnit()
    {
        await (await Client.PostJson(UnitsApi.Url, new { code = "HDTDKT", name = "Hội đồng Thi đua - Khen thưởng tỉnh", kind = "Council", shortName = "HĐTĐKT" }))
            .ExpectJson(HttpStatusCode.Created);
        await Client.CreateUnit("SNV", "Sở Nội vụ");

        var page = await List("?q=hdtdkt");

        Assert.Equal(["HDTDKT"], Codes(page));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("zzz")]
    public async Task ListUnits_WhenSearchMatchesNothing_ReturnsNoItems(string q)
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");
        await Client.CreateUnit("STC", "Sở Tài chính");

        var page = await List($"?q={Uri.EscapeDataString(q)}");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, (int)page["totalCount"]!);
    }

    [Fact]
    public async Task ListUnits_WhenSearchHoldsANulCharacter_Returns400OnQ()
    {
        await Client.CreateUnit("SNV", "Sở Nội vụ");

        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?q=so%00noi")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["q"]);
    }

    [Fact]
    public async Task ListUnits_WhenSortedByName_UsesVietnameseAlphabeticalOrder()
    {
        foreach (var (code, name) in new[] { ("S", "Sở Nội vụ"), ("B", "Ban Dân tộc"), ("DJ", "Đài Phát thanh"), ("C", "Công an tỉnh"), ("U", "Ủy ban nhân dân tỉnh"), ("D", "Dự án") })
            await Client.CreateUnit(code, name);

        var ascending = await List("?sort=name");
        var byDefault = await List();
        var descending = await List("?sort=-name");

        string[] expected = ["Ban Dân tộc", "Công an tỉnh", "Dự án", "Đài Phát thanh", "Sở Nội vụ", "Ủy ban nhân dân tỉnh"];
        Assert.Equal(expected, Names(ascending));
        Assert.Equal(expected, Names(byDefault));
        Assert.Equal(expected.Reverse(), Names(descending));
    }

    [Fact]
    public async Task ListUnits_WhenSortedByCode_IgnoresCase()
    {
        await Client.CreateUnit("b2", "Hai");
        await Client.CreateUnit("C3", "Ba");
        await Client.CreateUnit("A1", "Một");

        Assert.Equal(["A1", "b2", "C3"], Codes(await List("?sort=code")));
        Assert.Equal(["C3", "b2", "A1"], Codes(await List("?sort=-code")));
    }

    [Fact]
    public async Task ListUnits_WhenSortedByCreatedAt_FollowsCreationOrder()
    {
        await Client.CreateUnit("X3", "Một");
        await Client.CreateUnit("X1", "Hai");
        await Client.CreateUnit("X2", "Ba");

        Assert.Equal(["X3", "X1", "X2"], Codes(await List("?sort=createdAt")));
        Assert.Equal(["X2", "X1", "X3"], Codes(await List("?sort=-createdAt")));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    public async Task ListUnits_WhenSortKeyTies_PagesAreStableAndCoverEveryUnitOnce(string sort)
    {
        var ids = new List<string>();
        foreach (var i in Enumerable.Range(1, 6))
            ids.Add((string)(await Client.CreateUnit($"BTC{i}", "Ban Tổ chức"))["id"]!);

        var seen = new List<string>();
        for (var page = 1; page <= 6; page++)
        {
            var body = await List($"?sort={sort}&pageSize=1&page={page}");
            Assert.Equal(6, (int)body["totalCount"]!);
            seen.Add((string)body["items"]![0]!["id"]!);
        }
        var again = await List($"?sort={sort}&pageSize=6");

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen, again["items"]!.AsArray().Select(i => (string)i!["id"]!));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("Name")]
    [InlineData("-")]
    public async Task ListUnits_WhenSortUnknown_Returns400OnSortListingTheKeys(string sort)
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?sort={Uri.EscapeDataString(sort)}")).ExpectProblem(HttpStatusCode.BadRequest);

        var message = (string?)problem["errors"]!["sort"]![0];
        Assert.Contains("createdAt", message);
        Assert.Contains("-name", message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("500")]
    public async Task ListUnits_WhenPageSizeOutOfRange_Returns400OnPageSize(string pageSize)
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?pageSize={pageSize}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Single(problem["errors"]!.AsObject());
        Assert.NotNull(problem["errors"]!["pageSize"]);
    }

    [Fact]
    public async Task ListUnits_WhenPageSizeIsTheMaximum_Returns200()
    {
        await CreateFive();

        var page = await List("?pageSize=200");

        Assert.Equal(200, (int)page["pageSize"]!);
        Assert.Equal(5, page["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListUnits_WhenPageIsZero_Returns400OnPage()
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?page=0")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["page"]);
    }

    [Theory]
    [InlineData("page", "abc")]
    [InlineData("pageSize", "ten")]
    [InlineData("active", "maybe")]
    public async Task ListUnits_WhenParameterDoesNotParse_Returns400NamingIt(string name, string value)
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?{name}={value}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(value, (string?)problem["errors"]![name]![0]);
        Assert.DoesNotContain("Exception", problem.ToJsonString());
    }

    [Fact]
    public async Task ListUnits_WhenKindUnknown_Returns400ListingTheKinds()
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?kind=Nope")).ExpectProblem(HttpStatusCode.BadRequest);

        var message = (string?)problem["errors"]!["kind"]![0];
        Assert.Contains("Nope", message);
        Assert.Contains("Department", message);
        Assert.Contains("Ward", message);
        Assert.Contains("Other", message);
    }

    [Fact]
    public async Task ListUnits_WhenSearchTooLong_Returns400OnQ()
    {
        var problem = await (await Client.GetAsync($"{UnitsApi.Url}?q={new string('a', 201)}")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["q"]);
    }
}

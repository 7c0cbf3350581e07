using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>
/// The unit tree's one cycle rule, through both paths that use it: the same moves get the same verdicts from
/// PUT /units/{id} (409) and from a one-row import (400 with a row error), and an import checks all its rows at once.
/// </summary>
public sealed class UnitCycleRuleTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ImportUrl = "/api/v1/units/import";

    /// <summary>R at the top with A, B, C below it in a line (R ← A ← B ← C); D on its own.</summary>
    private Task ArrangeTree() => Import("code,name,kind,parentCode\nC,Đơn vị C,Other,B\nB,Đơn vị B,Other,A\nA,Đơn vị A,Other,R\nR,Đơn vị R,Other,\nD,Đơn vị D,Other,\n");

    private async Task<JsonNode> Import(string csv, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.PostAsync(ImportUrl, TestHttp.Csv(csv));
        return expected == HttpStatusCode.OK ? await response.ExpectJson(expected) : await response.ExpectProblem(expected);
    }

    /// <summary>The code of the unit's parent as stored; "" for a unit at the top.</summary>
    private Task<string> StoredParent(string code) => Factory.ScalarAsync<string>(
        $"SELECT coalesce(p.code, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.code = '{code}'");

    /// <summary>A unit, the parent it is moved under, and whether that closes a cycle.</summary>
    public static TheoryData<string, string, bool> Moves => new()
    {
        { "R", "C", true },  // under its great-grandchild
        { "A", "B", true },  // under its child
        { "A", "A", true },  // under itself
        { "B", "A", false }, // under the parent it has
        { "C", "R", false }, // up the line
        { "R", "D", false }, // under an unrelated unit
        { "d", "c", false }, // codes in any case
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task UpdateUnit_WhenMovedUnder_RefusesExactlyTheMovesThatCloseACycle(string code, string parent, bool cycle)
    {
        await ArrangeTree();
        var unit = await Client.GetUnitByCode(code);
        var before = await StoredParent(code.ToUpperInvariant());

        var response = await Client.PutAsJsonAsync($"{UnitsApi.Url}/{unit["id"]}", new { name = "Tên mới", kind = "Other", parentCode = parent });

        if (cycle)
        {
            var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
            Assert.Contains("cycle", (string?)problem["detail"]);
            Assert.Equal(before, await StoredParent(code.ToUpperInvariant()));
        }
        else
        {
            var body = await response.ExpectJson(HttpStatusCode.OK);
            Assert.Equal(parent.ToUpperInvariant(), (string?)body["parentCode"]);
            Assert.Equal(parent.ToUpperInvariant(), await StoredParent(code.ToUpperInvariant()));
        }
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task ImportUnits_WhenARowMovesAUnitUnder_RefusesExactlyTheMovesThatCloseACycle(string code, string parent, bool cycle)
    {
        await ArrangeTree();
        var before = await StoredParent(code.ToUpperInvariant());

        var csv = $"code,name,kind,parentCode\n{code},Tên mới,Other,{parent}\n";

        if (cycle)
        {
            var problem = await Import(csv, HttpStatusCode.BadRequest);
            var error = Assert.Single(problem["rowErrors"]!.AsArray());
            Assert.Equal((1, "parentCode"), ((int)error!["row"]!, (string?)error["field"]));
            Assert.Contains("cycle", (string?)error["message"]);
            Assert.Equal(before, await StoredParent(code.ToUpperInvariant()));
        }
        else
        {
            var result = await Import(csv);
            Assert.Equal(1, (int)result["updated"]!);
            Assert.Equal(parent.ToUpperInvariant(), await StoredParent(code.ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task ImportUnits_WhenRowsCloseACycleThroughRegisteredUnits_RefusesEveryRowOnIt()
    {
        await ArrangeTree();

        // R under a new unit X, X under C: R ← A ← B ← C ← X ← R. D under A is fine.
        var problem = await Import("code,name,kind,parentCode\nD,Đơn vị D,Other,A\nR,Đơn vị R,Other,X\nX,Đơn vị X,Other,C\n", HttpStatusCode.BadRequest);

        var errors = problem["rowErrors"]!.AsArray().Select(e => ((int)e!["row"]!, (string?)e["field"])).ToArray();
        Assert.Equal([(2, "parentCode"), (3, "parentCode")], errors);
        Assert.Equal(2, (int)problem["errorCount"]!);
        Assert.Equal("", await StoredParent("R"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units WHERE code = 'X'"));
    }

    [Fact]
    public async Task ImportUnits_WhenTheFileAlsoMovesTheChildAway_AcceptsWhatUnitByUnitWouldRefuseFirst()
    {
        await ArrangeTree();

        // A under B alone would be a cycle; the same file moves B to the top, so the tree the file describes has none.
        var result = await Import("code,name,kind,parentCode\nA,Đơn vị A,Other,B\nB,Đơn vị B,Other,\n");

        Assert.Equal(2, (int)result["updated"]!);
        Assert.Equal("B", await StoredParent("A"));
        Assert.Equal("", await StoredParent("B"));
        Assert.Equal("B", await StoredParent("C"));
    }
}

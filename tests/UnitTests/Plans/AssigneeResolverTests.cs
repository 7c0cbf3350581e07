using EmulationApi.Application.Plans;
using EmulationApi.Domain.Plans;

namespace EmulationApi.UnitTests.Plans;

public sealed class AssigneeResolverTests
{
    private static readonly Guid Snv = Guid.NewGuid(), Vp = Guid.NewGuid(), Bao = Guid.NewGuid(), Tttt = Guid.NewGuid(), Hd = Guid.NewGuid();

    private static readonly AssigneeResolver Resolver = new([
        (Snv, ["Sở Nội vụ"]),
        (Vp, ["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"]),
        (Bao, ["Báo và Phát thanh, truyền hình Bắc Ninh", "Báo và Phát thanh truyền hình Bắc Ninh"]),
        (Tttt, ["Trung tâm Thông tin tỉnh"]),
        (Hd, ["Hội đồng Thi đua - Khen thưởng tỉnh", "Hội đồng TĐKT tỉnh"]),
    ]);

    private static object[] Targets(string cell) =>
        Resolver.ResolveCell(cell).Select(r => r.UnitId as object ?? r.Group as object ?? $"?{r.Text}").ToArray();

    [Theory]
    [InlineData("Sở Nội vụ.")]
    [InlineData("Sở Nội vụ .")]
    [InlineData("SỞ NỘI VỤ")]
    public void ResolveCell_WhenUnitNameVaries_FindsTheUnit(string cell) => Assert.Equal([Snv], Targets(cell));

    [Fact]
    public void ResolveCell_WhenBulletsAndSemicolons_SplitsEveryName() =>
        Assert.Equal([Snv, Bao, Tttt], Targets("- Sở Nội vụ. - Báo và Phát thanh, truyền hình Bắc Ninh; Trung tâm Thông tin tỉnh."));

    [Fact]
    public void ResolveCell_WhenHyphenInsideAName_DoesNotSplitIt() =>
        Assert.Equal([Hd], Targets("Hội đồng Thi đua - Khen thưởng tỉnh"));

    [Fact]
    public void ResolveCell_WhenCommaIsPartOfAGroupName_KeepsItWhole() =>
        Assert.Equal([AssigneeGroup.ClusterAndBlocLeaders, AssigneeGroup.AllLocalitiesAndUnits],
            Targets("Cụm trường, Khối trường các Cụm, Khối thi đua; Các địa phương, đơn vị, địa phương."));

    [Fact]
    public void ResolveCell_WhenCommaSeparatesAUnitAndAGroup_SplitsThere() =>
        Assert.Equal([Snv, AssigneeGroup.RelatedUnits, AssigneeGroup.AllCommunesAndWards],
            Targets("- Sở Nội vụ, các cơ quan đơn vị có liên quan; - Các xã, phường."));

    [Theory]
    [InlineData("Các CỤM, Khó thi đua")]
    [InlineData("Các Cụm, Khó khăn thi đua")]
    [InlineData("Các Cụm, Khối thi đua")]
    public void ResolveCell_WhenGroupNameHasAKnownTypo_FindsTheGroup(string cell) =>
        Assert.Equal([AssigneeGroup.AllClustersAndBlocs], Targets(cell));

    [Fact]
    public void ResolveCell_WhenNothingMatches_KeepsTheTextUnresolved()
    {
        var result = Resolver.ResolveCell("Sở Ngoại vụ; Sở Nội vụ");

        Assert.Equal(["?Sở Ngoại vụ", Snv], Targets("Sở Ngoại vụ; Sở Nội vụ"));
        Assert.False(result[0].IsResolved);
    }

    [Fact]
    public void ResolveCell_WhenANameFitsTwoUnits_DoesNotGuess()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var resolver = new AssigneeResolver([(a, ["Trung tâm Y tế"]), (b, ["Trung tâm Y tế"])]);

        Assert.False(Assert.Single(resolver.ResolveCell("Trung tâm Y tế")).IsResolved);
    }
}

using System.Text;
using EmulationApi.Domain.Common;

namespace EmulationApi.UnitTests.Domain;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Sở Nội vụ.", "Sở Nội vụ")]
    [InlineData("Sở Nội vụ .", "sở nội vụ")]
    [InlineData("  SỞ   NỘI VỤ ", "Sở Nội vụ")]
    [InlineData("Hội đồng Thi đua – Khen thưởng tỉnh", "Hội đồng Thi đua - Khen thưởng tỉnh")]
    [InlineData("Hội đồng Thi đua-Khen thưởng tỉnh", "Hội đồng Thi đua - Khen thưởng tỉnh")]
    [InlineData("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]
    [InlineData("Quốc hội khoá XVI", "Quốc hội khóa XVI")]
    [InlineData("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch")]
    public void Of_WhenSpellingsDiffer_GivesTheSameKey(string a, string b) => Assert.Equal(NameKey.Of(b), NameKey.Of(a));

    [Fact]
    public void Of_WhenNfd_GivesTheNfcKey() =>
        Assert.Equal(NameKey.Of("Phường Kinh Bắc"), NameKey.Of("Phường Kinh Bắc".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Sở Nội vụ", "Sở Ngoại vụ")]
    [InlineData("Bắc Ninh", "Bạc Ninh")]
    [InlineData("quý", "qúy")] // "qu" + y keeps its tone on y: no move
    [InlineData("hoàng", "hòang")] // a tone before a final consonant is not moved
    public void Of_WhenNamesDiffer_KeepsThemApart(string a, string b) => Assert.NotEqual(NameKey.Of(a), NameKey.Of(b));
}

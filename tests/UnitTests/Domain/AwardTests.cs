using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;

namespace EmulationApi.UnitTests.Domain;

/// <summary>A catalog entry's code keeps to the pattern the OpenAPI document declares for it in paths, however the entry
/// is made (the API's validator, or the seed's catalog, which does not pass through it).</summary>
public sealed class AwardTests
{
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("-CSTD")]
    [InlineData("CSTD TINH")]
    [InlineData("Đ")]
    public void Create_WithACodeOffThePattern_IsRefused(string code)
    {
        Assert.Throws<DomainException>(() => Award.Create(code, "Danh hiệu thử", AwardCategory.EmulationTitle, AwardRecipient.Individual, GrantingLevel.Province));
    }

    [Fact]
    public void Create_WithACodeOnThePattern_KeepsIt()
    {
        Assert.Equal("CSTD-TINH.2_x", Award.Create("CSTD-TINH.2_x", "Danh hiệu thử", AwardCategory.EmulationTitle, AwardRecipient.Individual, GrantingLevel.Province).Code);
    }
}

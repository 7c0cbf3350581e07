using EmulationApi.Domain.Common;
using EmulationApi.Domain.Movements;

namespace EmulationApi.UnitTests.Domain;

public sealed class MovementTests
{
    private static Movement Draft() => Movement.Create("Phong trào thi đua", MovementForm.Thematic, LauncherLevel.Province, new DateOnly(2026, 1, 1));

    [Fact]
    public void Describe_WhenValid_WritesTheLaunchAndThePeriod()
    {
        var movement = Draft();

        movement.Describe(" Phong trào  mới ", "Khẩu hiệu", MovementForm.Regular, new MovementLaunch(LauncherLevel.PrimeMinister, " Chỉ thị số 41-CT/TW "),
            new MovementPeriod(new DateOnly(2026, 1, 1), new DateOnly(2030, 12, 31)), "Toàn tỉnh", null);

        Assert.Equal(("Phong trào mới", "Khẩu hiệu", MovementForm.Regular), (movement.Name, movement.Slogan, movement.Form));
        Assert.Equal((LauncherLevel.PrimeMinister, "Chỉ thị số 41-CT/TW"), (movement.LauncherLevel, movement.LaunchDocument));
        Assert.Equal(((DateOnly?)new DateOnly(2026, 1, 1), (DateOnly?)new DateOnly(2030, 12, 31)), (movement.StartDate, movement.EndDate));
        Assert.Equal("Toàn tỉnh", movement.Scope);
    }

    [Fact]
    public void Describe_WhenThePeriodEndsBeforeItStarts_ThrowsAndKeepsTheDescription()
    {
        var movement = Draft();

        var ex = Assert.Throws<DomainException>(() => movement.Describe("Khác", null, MovementForm.Thematic, new MovementLaunch(LauncherLevel.Province),
            new MovementPeriod(new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 31)), null, null));

        Assert.Contains("end before it starts", ex.Message);
        Assert.Equal(("Phong trào thi đua", (DateOnly?)null), (movement.Name, movement.EndDate));
    }

    [Fact]
    public void Describe_WhenTheLauncherLevelIsUnknown_Throws()
    {
        var movement = Draft();

        Assert.Throws<DomainException>(() => movement.Describe("Khác", null, MovementForm.Thematic, new MovementLaunch((LauncherLevel)99),
            new MovementPeriod(new DateOnly(2026, 1, 1)), null, null));
        Assert.Equal(LauncherLevel.Province, movement.LauncherLevel);
    }
}

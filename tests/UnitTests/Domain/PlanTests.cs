using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;

namespace EmulationApi.UnitTests.Domain;

public sealed class PlanTests
{
    private static Plan Draft() => Plan.Create(2026, "Công tác thi đua, khen thưởng năm 2026");

    [Fact]
    public void Issue_WhenNumberAndDateGiven_MovesToIssued()
    {
        var plan = Draft();

        plan.Issue(" 12/KH-UBND ", new DateOnly(2026, 1, 15));

        Assert.Equal(PlanStatus.Issued, plan.Status);
        Assert.Equal("12/KH-UBND", plan.Number);
        Assert.Equal(new DateOnly(2026, 1, 15), plan.IssueDate);
    }

    [Fact]
    public void Issue_WhenNumberMissing_ThrowsAndStaysDraft()
    {
        var plan = Draft();

        var ex = Assert.Throws<DomainException>(() => plan.Issue(null, new DateOnly(2026, 1, 15)));

        Assert.Contains("number", ex.Message);
        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Null(plan.IssueDate);
    }

    [Fact]
    public void Issue_WhenDateMissing_Throws()
    {
        var plan = Draft();

        Assert.Contains("issue date", Assert.Throws<DomainException>(() => plan.Issue("12/KH-UBND", null)).Message);
    }

    [Fact]
    public void Issue_WhenNumberAndDateAlreadyOnTheDraft_UsesThem()
    {
        var plan = Draft();
        plan.Revise(2026, plan.Title, "7/KH-UBND", null, null, new DateOnly(2026, 2, 1), null, null, null, null, null, null, null);

        plan.Issue(null, null);

        Assert.Equal(("7/KH-UBND", new DateOnly(2026, 2, 1)), (plan.Number, plan.IssueDate));
    }

    [Fact]
    public void Revise_WhenIssued_Throws()
    {
        var plan = Draft();
        plan.Issue("12/KH-UBND", new DateOnly(2026, 1, 15));

        Assert.Throws<DomainException>(() => plan.Revise(2026, "Khác", null, null, null, null, null, null, null, null, null, null, null));
        Assert.Equal("Công tác thi đua, khen thưởng năm 2026", plan.Title);
    }

    [Fact]
    public void Close_WhenDraft_ThrowsAndWhenIssued_Closes()
    {
        var plan = Draft();
        Assert.Throws<DomainException>(plan.Close);

        plan.Issue("12/KH-UBND", new DateOnly(2026, 1, 15));
        plan.Close();

        Assert.Equal(PlanStatus.Closed, plan.Status);
        Assert.Throws<DomainException>(plan.Close);
        Assert.Throws<DomainException>(() => plan.Issue("13/KH-UBND", new DateOnly(2026, 1, 15)));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Create_WhenYearOutOfRange_Throws(int year) =>
        Assert.Throws<DomainException>(() => Plan.Create(year, "Kế hoạch"));
}

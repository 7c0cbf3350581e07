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
        plan.Revise(2026, plan.Title, new DocumentReference("7/KH-UBND", new DateOnly(2026, 2, 1)), null, null, new Signer(null, null), new PlanContent());

        plan.Issue(null, null);

        Assert.Equal(("7/KH-UBND", new DateOnly(2026, 2, 1)), (plan.Number, plan.IssueDate));
    }

    [Fact]
    public void Revise_WhenIssued_Throws()
    {
        var plan = Draft();
        plan.Issue("12/KH-UBND", new DateOnly(2026, 1, 15));

        Assert.Throws<DomainException>(() => plan.Revise(2026, "Khác", new DocumentReference(null, null), null, null, new Signer(null, null), new PlanContent()));
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

    [Fact]
    public void Revise_WhenADraft_WritesTheReferenceSignerAndContentCleaned()
    {
        var plan = Draft();

        plan.Revise(2027, " Kế hoạch  mới ", new DocumentReference(" 7/KH-UBND ", new DateOnly(2027, 2, 1)), "UBND tỉnh", "Bắc Ninh",
            new Signer(" Nguyễn Văn A ", "Chủ tịch"),
            new PlanContent(["Luật Thi đua, khen thưởng", " "], "Mục đích", "Yêu cầu", [new PlanSection("I. Nội dung", "Thân")], ["Như trên"]));

        Assert.Equal((2027, "Kế hoạch mới", "7/KH-UBND", new DateOnly(2027, 2, 1)), (plan.Year, plan.Title, plan.Number, plan.IssueDate));
        Assert.Equal(("UBND tỉnh", "Bắc Ninh"), (plan.IssuingBody, plan.Place));
        Assert.Equal(("Nguyễn Văn A", "Chủ tịch"), (plan.SignerName, plan.SignerTitle));
        Assert.Equal(["Luật Thi đua, khen thưởng"], plan.LegalBases);
        Assert.Equal(("Mục đích", "Yêu cầu"), (plan.Purpose, plan.Requirements));
        Assert.Equal([new PlanSection("I. Nội dung", "Thân")], plan.Sections);
        Assert.Equal(["Như trên"], plan.Recipients);
    }

    [Fact]
    public void Revise_WhenTheSignerNameIsTooLong_Throws()
    {
        var plan = Draft();

        var ex = Assert.Throws<DomainException>(() => plan.Revise(2026, plan.Title, new DocumentReference(null, null), null, null,
            new Signer(new string('a', Plan.PersonMaxLength + 1), null), new PlanContent()));

        Assert.Contains("Signer name", ex.Message);
        Assert.Null(plan.SignerName);
    }
}

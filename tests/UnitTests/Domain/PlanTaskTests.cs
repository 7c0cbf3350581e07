using System.Globalization;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;

namespace EmulationApi.UnitTests.Domain;

public sealed class PlanTaskTests
{
    private static readonly Guid Snv = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static (Plan Plan, PlanTask Task) Issued(TaskTiming timing, int year = 2026)
    {
        var plan = Plan.Create(year, "Kế hoạch");
        var task = PlanTask.Create(plan, PeriodGroup.Q1, 1, "Ban hành Chỉ thị", timing, [TaskAssignee.ForUnit(AssigneeRole.Lead, 0, Snv)]);
        plan.Issue("12/KH-UBND", new DateOnly(year, 1, 15));
        return (plan, task);
    }

    [Theory]
    [InlineData(TimingKind.Month, 3, null, "2026-03-31")]
    [InlineData(TimingKind.Month, 2, null, "2026-02-28")]
    [InlineData(TimingKind.Quarter, null, 2, "2026-06-30")]
    [InlineData(TimingKind.Quarter, null, 4, "2026-12-31")]
    [InlineData(TimingKind.Recurring, null, null, null)]
    public void Create_DerivesTheDeadlineFromTimingAndPlanYear(TimingKind kind, int? month, int? quarter, string? deadline)
    {
        var (_, task) = Issued(TaskTiming.From(kind, month, quarter, null, null));

        Assert.Equal(deadline is null ? null : DateOnly.Parse(deadline, CultureInfo.InvariantCulture), task.Deadline);
    }

    [Fact]
    public void Create_WhenNoLead_Throws()
    {
        var plan = Plan.Create(2026, "Kế hoạch");

        Assert.Throws<DomainException>(() => PlanTask.Create(plan, PeriodGroup.Q1, 1, "Nội dung", TaskTiming.OfMonth(3),
            [TaskAssignee.ForGroup(AssigneeRole.Coordinator, 0, AssigneeGroup.AllCommunesAndWards)]));
    }

    [Fact]
    public void Revise_WhenNothingDiffers_ReportsNoChangeEvenOnAnIssuedPlan()
    {
        var (plan, task) = Issued(TaskTiming.OfMonth(3));

        var changed = task.Revise(plan, PeriodGroup.Q1, 1, "Ban hành Chỉ thị", TaskTiming.OfMonth(3), [TaskAssignee.ForUnit(AssigneeRole.Lead, 0, Snv)]);

        Assert.False(changed);
        Assert.Throws<DomainException>(() => task.Revise(plan, PeriodGroup.Q1, 1, "Nội dung khác", TaskTiming.OfMonth(3),
            [TaskAssignee.ForUnit(AssigneeRole.Lead, 0, Snv)]));
    }

    [Fact]
    public void Create_WithCells_KeepsThemCleanedAndRevise_ComparesThem()
    {
        var plan = Plan.Create(2026, "Kế hoạch");
        var lead = new[] { TaskAssignee.ForUnit(AssigneeRole.Lead, 0, Snv) };

        var task = PlanTask.Create(plan, PeriodGroup.Q1, 1, "Nội dung", TaskTiming.OfMonth(3), lead, new TaskCells(" Sở Nội vụ ", "Các sở", "Tháng 3"));

        Assert.Equal(("Sở Nội vụ", "Các sở", "Tháng 3"), (task.LeadText, task.CoordinatorText, task.TimingText));
        Assert.False(task.Revise(plan, PeriodGroup.Q1, 1, "Nội dung", TaskTiming.OfMonth(3), lead, new TaskCells("Sở Nội vụ", "Các sở", "Tháng 3")));
        Assert.True(task.Revise(plan, PeriodGroup.Q1, 1, "Nội dung", TaskTiming.OfMonth(3), lead));
        Assert.Equal((null, null, null), (task.LeadText, task.CoordinatorText, task.TimingText));
    }
}

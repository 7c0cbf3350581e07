using EmulationApi.Domain.Common;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;

namespace EmulationApi.UnitTests.Domain;

public sealed class ObligationTests
{
    private static readonly Guid Snv = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static (Plan Plan, Obligation Obligation) Held(bool issue = true)
    {
        var plan = Plan.Create(2026, "Kế hoạch");
        var task = PlanTask.Create(plan, PeriodGroup.Q1, 1, "Ban hành Chỉ thị", TaskTiming.OfMonth(3), [TaskAssignee.ForUnit(AssigneeRole.Lead, 0, Snv)]);
        if (issue) plan.Issue("12/KH-UBND", new DateOnly(2026, 1, 15));
        // Obligations are derived by the database; here one is made as a row would be read.
        var obligation = (Obligation)Activator.CreateInstance(typeof(Obligation), nonPublic: true)!;
        typeof(Obligation).GetProperty(nameof(Obligation.TaskId))!.SetValue(obligation, task.Id);
        typeof(Obligation).GetProperty(nameof(Obligation.UnitId))!.SetValue(obligation, Snv);
        return (plan, obligation);
    }

    [Fact]
    public void Report_WhenPlanIsDraft_Throws()
    {
        var (plan, obligation) = Held(issue: false);

        Assert.Contains("draft", Assert.Throws<DomainException>(() =>
            obligation.Report(plan, Today, Snv, ProgressStatus.InProgress, "Đang làm", null, "snv", Today)).Message);
        Assert.Equal(ProgressStatus.NotStarted, obligation.Status);
    }

    [Fact]
    public void Report_WhenDatedInTheFutureOrBeforeTheLastReport_Throws()
    {
        var (plan, obligation) = Held();
        obligation.Report(plan, Today.AddDays(-2), Snv, ProgressStatus.InProgress, "Đang làm", null, "snv", Today);

        Assert.Throws<DomainException>(() => obligation.Report(plan, Today.AddDays(1), Snv, ProgressStatus.Done, "Xong", null, "snv", Today));
        Assert.Throws<DomainException>(() => obligation.Report(plan, Today.AddDays(-3), Snv, ProgressStatus.Done, "Xong", null, "snv", Today));
        Assert.Equal((ProgressStatus.InProgress, 1), (obligation.Status, obligation.ReportCount));
    }

    [Fact]
    public void Report_WhenStartedThenNotStarted_Throws()
    {
        var (plan, obligation) = Held();
        obligation.Report(plan, Today, Snv, ProgressStatus.InProgress, "Đang làm", null, "snv", Today);

        Assert.Throws<DomainException>(() => obligation.Report(plan, Today, Snv, ProgressStatus.NotStarted, "Chưa", null, "snv", Today));
    }

    [Fact]
    public void Report_WhenAnotherUnitReports_Throws()
    {
        var (plan, obligation) = Held();

        Assert.Throws<DomainException>(() => obligation.Report(plan, Today, Guid.NewGuid(), ProgressStatus.InProgress, "Đang làm", null, "x", Today));
        Assert.Equal(0, obligation.ReportCount);
    }

    [Fact]
    public void Report_WhenReopenedAfterDone_ClearsCompletionAndReview()
    {
        var (plan, obligation) = Held();
        obligation.Report(plan, Today.AddDays(-1), Snv, ProgressStatus.Done, "Xong", ["https://vbdh.bacninh.gov.vn/1"], "snv", Today);
        Assert.Equal((CompletionReview.Pending, Today.AddDays(-1)), (obligation.Review, obligation.CompletedOn!.Value));

        var report = obligation.Report(plan, Today, Snv, ProgressStatus.InProgress, "Bổ sung", null, "editor", Today);

        Assert.Null(obligation.CompletedOn);
        Assert.Equal(CompletionReview.None, obligation.Review);
        Assert.Equal((2, Today), (obligation.ReportCount, obligation.LastReportedOn!.Value));
        Assert.Equal((ProgressStatus.InProgress, "editor"), (report.Status, report.RecordedBy));
    }

    [Theory]
    [InlineData("ftp://example.org/x")]
    [InlineData("not a link")]
    public void Report_WhenEvidenceIsNotAnHttpLink_Throws(string link)
    {
        var (plan, obligation) = Held();

        Assert.Throws<DomainException>(() => obligation.Report(plan, Today, Snv, ProgressStatus.Done, "Xong", [link], "snv", Today));
    }

    [Fact]
    public void RejectCompletion_ReturnsTheWorkToInProgressAndKeepsTheReason()
    {
        var (plan, obligation) = Held();
        obligation.Report(plan, Today.AddDays(-5), Snv, ProgressStatus.Done, "Xong", null, "snv", Today);

        obligation.RejectCompletion("Chưa có văn bản kèm theo", "editor");

        Assert.Equal((ProgressStatus.InProgress, (DateOnly?)null, CompletionReview.Rejected), (obligation.Status, obligation.CompletedOn, obligation.Review));
        var step = Assert.Single(obligation.Events);
        Assert.Equal((ObligationEventKind.CompletionRejected, "Chưa có văn bản kèm theo", "editor"), (step.Kind, step.Reason, step.Actor));
        Assert.Throws<DomainException>(() => obligation.ConfirmCompletion("editor"));
    }

    [Fact]
    public void ExtendDeadline_MustMoveItLater_AndNeedsAReason()
    {
        var (_, obligation) = Held();
        var taskDeadline = new DateOnly(2026, 3, 31);

        Assert.Throws<DomainException>(() => obligation.ExtendDeadline(taskDeadline, "Lý do", taskDeadline, "editor"));
        Assert.Throws<DomainException>(() => obligation.ExtendDeadline(taskDeadline.AddDays(10), " ", taskDeadline, "editor"));
        obligation.ExtendDeadline(taskDeadline.AddDays(10), "Chờ hướng dẫn của Trung ương", taskDeadline, "editor");

        Assert.Equal(taskDeadline.AddDays(10), obligation.DeadlineFor(taskDeadline));
        Assert.Throws<DomainException>(() => obligation.ExtendDeadline(taskDeadline.AddDays(5), "Lý do", taskDeadline, "editor"));
    }

    [Fact]
    public void Exempt_OnceOnly_AndAnExemptedUnitHasNothingToReport()
    {
        var (plan, obligation) = Held();
        obligation.Exempt("Đơn vị mới thành lập", "editor");

        Assert.Throws<DomainException>(() => obligation.Exempt("lần nữa", "editor"));
        Assert.Throws<DomainException>(() => obligation.Report(plan, Today, Snv, ProgressStatus.Done, "Xong", null, "snv", Today));
        Assert.Equal(ObligationEventKind.Exempted, Assert.Single(obligation.Events).Kind);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Common.Webhooks;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>
/// Report progress on a task of an issued plan (báo cáo tiến độ): a unit reports on its own share (its obligation). The
/// report is kept; the obligation takes its status, and the task's status is derived again from its leads'.
/// </summary>
/// <param name="ReportedOn">The date the unit claims for the report; not in the future, not before its last report on the task.</param>
/// <param name="ReportingUnitCode">The unit that reports: a unit client's own unit, or the unit an editor records a paper report for.</param>
/// <param name="Status">The unit's progress on its share as of this report.</param>
/// <param name="EvidenceLinks">http(s) links to documents that show the work.</param>
public sealed record ReportProgressCommand(
    DateOnly? ReportedOn,
    string? ReportingUnitCode,
    ProgressStatus? Status,
    string? Text,
    IReadOnlyList<string>? EvidenceLinks = null) : IRequest<ProgressReportDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid TaskId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>A progress report as kept in the history of a unit's obligation.</summary>
/// <param name="ReportedOn">The date the unit claims.</param>
/// <param name="RecordedBy">Who recorded it: the unit's own client, or an editor on the unit's behalf.</param>
/// <param name="CreatedAt">When the server received it: beside <see cref="ReportedOn"/>, a backdated report shows.</param>
public sealed record ProgressReportDto(
    Guid Id,
    Guid TaskId,
    Guid? ObligationId,
    DateOnly ReportedOn,
    Guid ReportingUnitId,
    string ReportingUnitCode,
    string ReportingUnitName,
    ProgressStatus Status,
    string Text,
    IReadOnlyList<string> EvidenceLinks,
    string RecordedBy,
    DateTimeOffset CreatedAt);

public sealed class ReportProgressValidator : AbstractValidator<ReportProgressCommand>
{
    public ReportProgressValidator()
    {
        RuleFor(x => x.ReportingUnitCode).UnitCode();
        RuleFor(x => x.Status).NotNull().IsInEnum();
        RuleFor(x => x.ReportedOn).NotNull().InDateRange();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(ProgressReport.TextMaxLength);
        RuleFor(x => x.EvidenceLinks).Must(l => l is null || l.Count <= ProgressReport.MaxEvidenceLinks)
            .WithMessage(_ => Localized.Text($"At most {ProgressReport.MaxEvidenceLinks} links.", $"Tối đa {ProgressReport.MaxEvidenceLinks} đường dẫn."));
        RuleForEach(x => x.EvidenceLinks)
            .Must(l => Uri.TryCreate(l?.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && l!.Length <= ProgressReport.EvidenceLinkMaxLength)
            .WithMessage(_ => Localized.Text("Each evidence link must be an absolute http(s) URL.", "Mỗi đường dẫn minh chứng phải là một URL http(s) tuyệt đối."));
    }
}

public sealed class ReportProgressHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client, IObligationDerivations derivations,
    IWebhookOutbox outbox)
    : IRequestHandler<ReportProgressCommand, ProgressReportDto>
{
    public async Task<ProgressReportDto> Handle(ReportProgressCommand request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().Include(t => t.Plan).FirstOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken)
                   ?? throw new NotFoundException("Task", request.TaskId);
        task.EnsureVersion(request.ExpectedVersion);
        var unit = await db.Units.ResolveCodeAsync("reportingUnitCode", request.ReportingUnitCode!, cancellationToken);
        // A unit's client speaks for its own unit; editors and admins may record a report on a unit's behalf.
        if (client.UnitCode is { } own && !string.Equals(own, unit.Code, StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException(Localized.Text(
                $"This client reports for {own}; it may not report as {unit.Code}.",
                $"Ứng dụng này báo cáo cho {own}; không được báo cáo thay {unit.Code}."));

        // Everything a report is checked against is read and checked before the feed lock, so a refused report never
        // waits for it and an accepted one holds it only to write (issue 15: under 32 reporters the lock is the queue).
        var found = await db.Obligations.AsNoTracking().FirstOrDefaultAsync(o => o.TaskId == task.Id && o.UnitId == unit.Id, cancellationToken);
        await EnsureMayReportAsync(found, unit, task.Plan!, cancellationToken);
        Report(found, request, task.Plan!, unit.Id);

        // The write, under the feed lock: every writer to obligations holds it, so the obligation read again now is the
        // one this report is written over — reports on one obligation queue behind each other, never fail each other —
        // and the task's status is derived from committed rows. Its rules are checked again on it.
        await using var transaction = await db.BeginFeedWriteAsync(cancellationToken);
        var obligation = await db.Obligations.FirstAsync(o => o.Id == found.Id, cancellationToken);
        var report = Report(obligation, request, task.Plan!, unit.Id);
        db.ProgressReports.Add(report);
        // The event is the use case's own: it knows the task's plan and the unit's code, so nothing is read for it
        // while the feed lock is held (issue 15: each round trip under the lock is one every queued reporter waits for).
        outbox.Add(new WebhookEventDraft("task.changed", $"task/{task.Id}", task.PlanId, [unit.Code],
            new { id = task.Id, planId = task.PlanId, change = "progress", reportId = report.Id, report.ReportedOn, reportStatus = report.Status }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The answer from what was written (created_at came back with the insert): no statement to read it again.
        return new ProgressReportDto(report.Id, report.TaskId, report.ObligationId, report.ReportedOn, unit.Id, unit.Code, unit.Name,
            report.Status, report.Text, report.EvidenceLinks, report.RecordedBy, report.CreatedAt);
    }

    /// <summary>The unit holds an active obligation on the task: else 403 for its own client, 409 for an editor.</summary>
    private async Task EnsureMayReportAsync([System.Diagnostics.CodeAnalysis.NotNull] Obligation? obligation, KnownUnit unit, Plan plan, CancellationToken cancellationToken)
    {
        if (obligation is null && await derivations.IsPendingAsync(unit.Id, cancellationToken))
            throw new DomainException(Localized.Text(
                $"{unit.Code}'s obligations are still being derived after its registration by an import; report again in a moment.",
                $"Trách nhiệm thực hiện của {unit.Code} đang được xác định sau khi đơn vị được nhập vào danh mục; hãy báo cáo lại sau ít phút."));
        if (obligation is { State: ObligationState.Active }) return;
        var why = obligation is null
            ? Localized.Text(
                $"{unit.Code} holds no obligation on this task: the plan does not name it, directly or through a group it belongs to.",
                $"{unit.Code} không có trách nhiệm thực hiện nhiệm vụ này: kế hoạch không nêu đơn vị, trực tiếp hay qua nhóm mà đơn vị thuộc về.")
            : Localized.Text(
                $"{unit.Code}'s obligation on this task was withdrawn on {obligation.WithdrawnOn:yyyy-MM-dd}.",
                $"Trách nhiệm thực hiện nhiệm vụ này của {unit.Code} đã được rút lại ngày {obligation.WithdrawnOn:yyyy-MM-dd}.");
        if (client.UnitCode is not null)
            throw new ForbiddenException(why + Localized.Text(" It may not report progress on it.", " Đơn vị không được báo cáo tiến độ nhiệm vụ này."));
        plan.EnsureAcceptsProgress();
        throw new DomainException(why);
    }

    private ProgressReport Report(Obligation obligation, ReportProgressCommand request, Plan plan, Guid unitId) =>
        obligation.Report(plan, request.ReportedOn!.Value, unitId, request.Status!.Value, request.Text!,
            request.EvidenceLinks, client.Name, TaskQueries.Today(clock));
}

/// <summary>Read with <c>ProjectToType&lt;ProgressReportDto&gt;()</c>: the reporting unit's code and name through its navigation.</summary>
public sealed class ProgressReportMapping : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<ProgressReport, ProgressReportDto>()
            .ShallowCopyForSameType(true) // the evidence links are read as they are
            .Map(d => d.ReportingUnitCode, s => s.ReportingUnit!.Code)
            .Map(d => d.ReportingUnitName, s => s.ReportingUnit!.Name);
}

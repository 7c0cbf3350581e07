using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Plans;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Report progress on a task of an issued plan (báo cáo tiến độ). The report is kept; the task takes its status.</summary>
/// <param name="ReportedOn">The report's date; not in the future, not before the task's last report.</param>
/// <param name="ReportingUnitCode">The unit that reports.</param>
/// <param name="Status">The task's status as of this report.</param>
/// <param name="EvidenceLinks">http(s) links to documents that show the work.</param>
public sealed record ReportProgressCommand(
    DateOnly? ReportedOn,
    string? ReportingUnitCode,
    ProgressStatus? Status,
    string? Text,
    IReadOnlyList<string>? EvidenceLinks = null) : IRequest<ProgressReportDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid TaskId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public uint? ExpectedVersion { get; init; }
}

/// <summary>A progress report as kept in a task's history.</summary>
public sealed record ProgressReportDto(
    Guid Id,
    Guid TaskId,
    DateOnly ReportedOn,
    Guid ReportingUnitId,
    string ReportingUnitCode,
    string ReportingUnitName,
    ProgressStatus Status,
    string Text,
    IReadOnlyList<string> EvidenceLinks,
    DateTimeOffset CreatedAt);

public sealed class ReportProgressValidator : AbstractValidator<ReportProgressCommand>
{
    public ReportProgressValidator()
    {
        RuleFor(x => x.ReportingUnitCode).UnitCode();
        RuleFor(x => x.Status).NotNull().IsInEnum();
        RuleFor(x => x.ReportedOn).NotNull();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(ProgressReport.TextMaxLength);
        RuleFor(x => x.EvidenceLinks).Must(l => l is null || l.Count <= ProgressReport.MaxEvidenceLinks)
            .WithMessage($"At most {ProgressReport.MaxEvidenceLinks} links.");
        RuleForEach(x => x.EvidenceLinks)
            .Must(l => Uri.TryCreate(l?.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && l!.Length <= ProgressReport.EvidenceLinkMaxLength)
            .WithMessage("Each evidence link must be an absolute http(s) URL.");
    }
}

public sealed class ReportProgressHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client) : IRequestHandler<ReportProgressCommand, ProgressReportDto>
{
    public async Task<ProgressReportDto> Handle(ReportProgressCommand request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.Include(t => t.Plan).FirstOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken)
                   ?? throw new NotFoundException("Task", request.TaskId);
        task.EnsureVersion(request.ExpectedVersion);
        var unit = await db.Units.ResolveCodeAsync("reportingUnitCode", request.ReportingUnitCode!, cancellationToken);
        if (client.UnitCode is { } own)
        {
            // A unit's client speaks for its own unit, and only on the tasks that unit is assigned.
            if (!string.Equals(own, unit.Code, StringComparison.OrdinalIgnoreCase))
                throw new ForbiddenException($"This client reports for {own}; it may not report as {unit.Code}.");
            if (!await db.IsAssignedAsync(task, task.Plan!.Year, unit, cancellationToken))
                throw new ForbiddenException($"{own} is not among this task's assignees, so it may not report progress on it.");
        }
        var report = task.ReportProgress(task.Plan!, request.ReportedOn!.Value, unit.Id, request.Status!.Value, request.Text!, request.EvidenceLinks, TaskQueries.Today(clock));
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ProgressReports.AsNoTracking().Where(r => r.Id == report.Id).ProjectToType<ProgressReportDto>().FirstAsync(cancellationToken);
    }
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

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>
/// Amend an issued plan (điều chỉnh, bổ sung) by a document of its own: add tasks, rewrite tasks (content, timing,
/// assignees, the movement served), cancel tasks. The tasks' obligations are re-derived in the same transaction (see ObligationUpkeep):
/// new ones arise on the amendment's date, those no longer reached are withdrawn with their history, and progress on
/// the ones that survive is kept.
/// </summary>
/// <param name="Number">The amending document's number (số ký hiệu).</param>
/// <param name="Date">The amending document's date: not before the plan's issue date.</param>
/// <param name="Summary">What the amendment does, in a sentence or two.</param>
/// <param name="AddTasks">Tasks added (bổ sung): the fields of a new task, with a group and number no task of the plan holds.</param>
/// <param name="ChangeTasks">Tasks rewritten (điều chỉnh): the task and all its fields, replaced as a whole.</param>
/// <param name="CancelTasks">Tasks cancelled (hủy), each with the reason; a cancelled task stays readable.</param>
public sealed record AmendPlanCommand(
    string? Number,
    DateOnly? Date,
    string? Summary,
    IReadOnlyList<AddedTaskInput>? AddTasks = null,
    IReadOnlyList<TaskChangeInput>? ChangeTasks = null,
    IReadOnlyList<TaskCancellationInput>? CancelTasks = null) : IRequest<AmendmentDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid PlanId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>A task an amendment adds: the same fields as a task added to a draft.</summary>
public sealed record AddedTaskInput : TaskFields;

/// <summary>A task an amendment rewrites: which task, and everything it says from now on.</summary>
public sealed record TaskChangeInput : TaskFields
{
    public Guid TaskId { get; init; }
}

/// <summary>A task an amendment cancels, and why.</summary>
public sealed record TaskCancellationInput(Guid TaskId, string? Reason);

public sealed class AmendPlanValidator : AbstractValidator<AmendPlanCommand>
{
    public AmendPlanValidator()
    {
        RuleFor(x => x.Number).NotEmpty().MaximumLength(Plan.NumberMaxLength);
        RuleFor(x => x.Date).NotNull().InDateRange();
        RuleFor(x => x.Summary).NotEmpty().MaximumLength(PlanAmendment.SummaryMaxLength);
        RuleFor(x => x).Must(x => (x.AddTasks?.Count ?? 0) + (x.ChangeTasks?.Count ?? 0) + (x.CancelTasks?.Count ?? 0) <= PlanAmendment.MaxChanges)
            .WithName("changes").WithMessage(_ => Localized.Text($"An amendment makes at most {PlanAmendment.MaxChanges} changes.", $"Mỗi văn bản sửa đổi, bổ sung có tối đa {PlanAmendment.MaxChanges} thay đổi."));
        RuleForEach(x => x.AddTasks).SetValidator(new TaskFieldsValidator());
        RuleForEach(x => x.ChangeTasks).SetValidator(new TaskChangeValidator());
        RuleForEach(x => x.CancelTasks).SetValidator(new TaskCancellationValidator());
    }
}

public sealed class TaskChangeValidator : AbstractValidator<TaskChangeInput>
{
    public TaskChangeValidator()
    {
        RuleFor(x => x.TaskId).NotEmpty();
        Include(new TaskFieldsValidator());
    }
}

public sealed class TaskCancellationValidator : AbstractValidator<TaskCancellationInput>
{
    public TaskCancellationValidator()
    {
        RuleFor(x => x.TaskId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(PlanTask.CellMaxLength);
    }
}

public sealed class AmendPlanHandler(IAppDbContext db) : IRequestHandler<AmendPlanCommand, AmendmentDto>
{
    public async Task<AmendmentDto> Handle(AmendPlanCommand request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken) ?? throw new NotFoundException("Plan", request.PlanId);
        plan.EnsureVersion(request.ExpectedVersion);
        // Two amendments written at once take the same number: the unique index on (plan, sequence) refuses the second (409).
        var sequence = await db.PlanAmendments.Where(a => a.PlanId == plan.Id).MaxAsync(a => (int?)a.Sequence, cancellationToken) + 1 ?? 1;
        var amendment = PlanAmendment.Open(plan, sequence, new DocumentReference(request.Number, request.Date), request.Summary!);

        var (adds, changes, cancels) = (request.AddTasks ?? [], request.ChangeTasks ?? [], request.CancelTasks ?? []);
        // Every field that names what does not exist, in one 400: unknown unit codes, tasks the plan does not have.
        var units = await db.Units.LookUpCodesAsync(
            adds.SelectMany((t, i) => t.UnitCodes($"addTasks[{i}]."))
                .Concat(changes.SelectMany((t, i) => t.UnitCodes($"changeTasks[{i}]."))), cancellationToken);
        var ids = changes.Select(c => c.TaskId).Concat(cancels.Select(c => c.TaskId)).ToList();
        var tasks = await db.Tasks.Where(t => t.PlanId == plan.Id && ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var missing = changes.Select((c, i) => (c.TaskId, Field: $"changeTasks[{i}].taskId"))
            .Concat(cancels.Select((c, i) => (c.TaskId, Field: $"cancelTasks[{i}].taskId")))
            .Where(x => !tasks.ContainsKey(x.TaskId))
            .Select(x => new ValidationFailure(x.Field, Localized.Text($"The plan has no task with the id '{x.TaskId}'.", $"Kế hoạch không có nhiệm vụ có id '{x.TaskId}'.")));
        var movements = (await TaskFields.UnknownMovementsAsync(db, adds, i => $"addTasks[{i}].", cancellationToken))
            .Concat(await TaskFields.UnknownMovementsAsync(db, changes, i => $"changeTasks[{i}].", cancellationToken));
        var failures = units.Unknown.Concat(missing).Concat(movements).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);

        db.PlanAmendments.Add(amendment);
        foreach (var add in adds)
            db.Tasks.Add(PlanTask.AddByAmendment(plan, amendment, add.Group!.Value, add.Sequence, add.Content!, add.Timing!.ToTiming(), add.ToAssignees(units), add.MovementId));
        foreach (var change in changes)
            tasks[change.TaskId].Amend(plan, amendment, change.Group!.Value, change.Sequence, change.Content!, change.Timing!.ToTiming(), change.ToAssignees(units), change.MovementId);
        foreach (var cancel in cancels)
            tasks[cancel.TaskId].Cancel(plan, amendment, cancel.Reason!);
        amendment.EnsureChangesSomething();
        await EnsureNumbersFreeAsync(plan, adds, changes, tasks, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        return await db.PlanAmendments.AsNoTracking().Where(a => a.Id == amendment.Id).ToDto().FirstAsync(cancellationToken);
    }

    /// <summary>A task's group and number are its place in the appendix: a new task cannot take a place another task
    /// holds (cancelled ones included: they stay in the appendix), nor can a rewritten task.</summary>
    private async Task EnsureNumbersFreeAsync(Plan plan, IReadOnlyList<AddedTaskInput> adds, IReadOnlyList<TaskChangeInput> changes,
        Dictionary<Guid, PlanTask> tasks, CancellationToken ct)
    {
        var moved = changes.Select(c => c.TaskId).ToList();
        var places = await db.Tasks.Where(t => t.PlanId == plan.Id && !moved.Contains(t.Id)).Select(t => new { t.Group, t.Sequence }).ToListAsync(ct);
        var taken = places.Select(p => (p.Group, p.Sequence)).ToHashSet();
        foreach (var change in changes)
            if (!taken.Add((change.Group!.Value, change.Sequence)))
                throw new DomainException(Localized.Text(
                    $"Task {tasks[change.TaskId].Group} {tasks[change.TaskId].Sequence} cannot take number {change.Sequence} in group {change.Group}: another task holds it.",
                    $"Nhiệm vụ {tasks[change.TaskId].Group} {tasks[change.TaskId].Sequence} không thể nhận số {change.Sequence} trong nhóm {change.Group}: số này đã thuộc về nhiệm vụ khác."));
        foreach (var add in adds)
            if (!taken.Add((add.Group!.Value, add.Sequence)))
                throw new DomainException(Localized.Text($"The plan already has task {add.Sequence} in group {add.Group}.", $"Kế hoạch đã có nhiệm vụ số {add.Sequence} trong nhóm {add.Group}."));
    }
}

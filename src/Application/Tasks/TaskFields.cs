using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>An assignee as a client names it: a unit by code, or a group — exactly one of the two.</summary>
public sealed record AssigneeInput(string? UnitCode = null, AssigneeGroup? Group = null);

/// <summary>When a task is due: a month or quarter of the plan's year, a date, or recurring; with an optional condition.</summary>
public sealed record TimingInput(TimingKind? Kind, int? Month = null, int? Quarter = null, DateOnly? Date = null, string? Condition = null)
{
    public TaskTiming ToTiming() => TaskTiming.From(Kind!.Value, Month, Quarter, Date, Condition);
}

/// <summary>What a task says: the body of both create and update, written once.</summary>
public abstract record TaskFields
{
    public PeriodGroup? Group { get; init; }
    public int Sequence { get; init; }
    public string? Content { get; init; }
    public TimingInput? Timing { get; init; }
    public IReadOnlyList<AssigneeInput>? Leads { get; init; }
    public IReadOnlyList<AssigneeInput>? Coordinators { get; init; }
    /// <summary>The movement (phong trào thi đua) the task serves; null for none.</summary>
    public Guid? MovementId { get; init; }

    /// <summary>Turns the inputs into assignees, looking unit codes up in one query and checking the movement exists;
    /// unknown codes and an unknown movement are one 400, each on its field.</summary>
    public async Task<IReadOnlyList<TaskAssignee>> ResolveAssigneesAsync(IAppDbContext db, CancellationToken ct)
    {
        var units = await db.Units.LookUpCodesAsync(UnitCodes(), ct);
        var failures = units.Unknown.Concat(await UnknownMovementsAsync(db, [this], _ => "", ct)).ToList();
        return failures.Count > 0 ? throw new ValidationException(failures) : ToAssignees(units);
    }

    /// <summary>A failure on <c>{prefix}movementId</c> for each of <paramref name="tasks"/> naming a movement that does
    /// not exist, all in one query.</summary>
    public static async Task<IReadOnlyList<ValidationFailure>> UnknownMovementsAsync<T>(IAppDbContext db, IReadOnlyList<T> tasks,
        Func<int, string> prefix, CancellationToken ct) where T : TaskFields
    {
        var ids = tasks.Where(t => t.MovementId is not null).Select(t => t.MovementId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        var known = await db.Movements.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        return tasks.Select((t, i) => (t.MovementId, Field: $"{prefix(i)}movementId"))
            .Where(x => x.MovementId is { } id && !known.Contains(id))
            .Select(x => new ValidationFailure(x.Field, Localized.Text($"No movement has the id '{x.MovementId}'.", $"Không có phong trào thi đua nào có id '{x.MovementId}'.")))
            .ToList();
    }

    /// <summary>The unit codes the assignees name, each with its field as the client sent it; <paramref name="prefix"/>
    /// places the fields in a larger body (e.g. <c>addTasks[1].</c> gives <c>addTasks[1].leads[0].unitCode</c>).</summary>
    public IEnumerable<UnitCodeAt> UnitCodes(string prefix = "") =>
        Inputs().Where(x => x.Input.UnitCode is not null).Select(x => new UnitCodeAt($"{prefix}{x.Field}", x.Input.UnitCode!));

    /// <summary>The assignees, from a lookup that knows every code <see cref="UnitCodes"/> named.</summary>
    public IReadOnlyList<TaskAssignee> ToAssignees(UnitCodeLookup units) =>
        Inputs().Select(x => x.Input.Group is { } group
            ? TaskAssignee.ForGroup(x.Role, x.Position, group)
            : TaskAssignee.ForUnit(x.Role, x.Position, units[x.Input.UnitCode!].Id)).ToList();

    private IEnumerable<(AssigneeRole Role, string Field, AssigneeInput Input, int Position)> Inputs() =>
        (Leads ?? []).Select((a, i) => (AssigneeRole.Lead, $"leads[{i}].unitCode", a, i))
            .Concat((Coordinators ?? []).Select((a, i) => (AssigneeRole.Coordinator, $"coordinators[{i}].unitCode", a, i)));
}

public sealed class TaskFieldsValidator : AbstractValidator<TaskFields>
{
    public TaskFieldsValidator()
    {
        RuleFor(x => x.Group).NotNull().IsInEnum();
        RuleFor(x => x.Sequence).InclusiveBetween(1, 10_000);
        RuleFor(x => x.Content).NotEmpty().MaximumLength(PlanTask.ContentMaxLength);
        RuleFor(x => x.Timing).NotNull().SetValidator(new TimingValidator()!);
        RuleFor(x => x.Leads).NotEmpty().WithMessage(_ => Localized.Text("A task needs at least one lead (đơn vị chủ trì).", "Nhiệm vụ cần có ít nhất một đơn vị chủ trì."));
        RuleFor(x => x.Leads).Must((x, _) => (x.Leads?.Count ?? 0) + (x.Coordinators?.Count ?? 0) <= PlanTask.MaxAssignees)
            .WithMessage(_ => Localized.Text($"A task has at most {PlanTask.MaxAssignees} assignees.", $"Mỗi nhiệm vụ có tối đa {PlanTask.MaxAssignees} đơn vị chủ trì và phối hợp."));
        RuleForEach(x => x.Leads).SetValidator(new AssigneeValidator());
        RuleForEach(x => x.Coordinators).SetValidator(new AssigneeValidator());
        RuleFor(x => x.MovementId).NotEqual(Guid.Empty);
    }

    private sealed class TimingValidator : AbstractValidator<TimingInput>
    {
        public TimingValidator()
        {
            RuleFor(x => x.Kind).NotNull().IsInEnum();
            RuleFor(x => x.Month).NotNull().InclusiveBetween(1, 12).When(x => x.Kind == TimingKind.Month);
            RuleFor(x => x.Quarter).NotNull().InclusiveBetween(1, 4).When(x => x.Kind == TimingKind.Quarter);
            RuleFor(x => x.Date).NotNull().When(x => x.Kind == TimingKind.Date);
            RuleFor(x => x.Date).InDateRange();
            RuleFor(x => x.Condition).MaximumLength(TaskTiming.ConditionMaxLength);
        }
    }

    private sealed class AssigneeValidator : AbstractValidator<AssigneeInput>
    {
        public AssigneeValidator()
        {
            RuleFor(x => x).Must(a => string.IsNullOrWhiteSpace(a.UnitCode) != (a.Group is null))
                .WithName("assignee").WithMessage(_ => Localized.Text("Give exactly one of 'unitCode' and 'group'.", "Cần nêu đúng một trong hai trường 'unitCode' và 'group'."));
            RuleFor(x => x.UnitCode).OptionalUnitCode();
            RuleFor(x => x.Group).IsInEnum();
        }
    }
}

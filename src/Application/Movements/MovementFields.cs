using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Movements;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>What a movement says: the body of both create and update, written once.</summary>
public abstract record MovementFields
{
    public string? Name { get; init; }
    public MovementForm? Form { get; init; }
    public LauncherLevel? LauncherLevel { get; init; }
    public DateOnly? StartDate { get; init; }
    public string? Slogan { get; init; }
    public string? LaunchDocument { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Scope { get; init; }
    public Guid? ParentMovementId { get; init; }
    public IReadOnlyList<Guid>? PlanIds { get; init; }
    public IReadOnlyList<string>? ParticipantUnitCodes { get; init; }
    public IReadOnlyList<Guid>? ParticipantClusterIds { get; init; }

    /// <summary>Writes the fields after checking every reference exists (unknown ones are 400s on their field).</summary>
    public async Task WriteToAsync(Movement movement, IAppDbContext db, CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        if (ParentMovementId is { } parent && !await db.Movements.AnyAsync(m => m.Id == parent, ct))
            failures.Add(new ValidationFailure("parentMovementId", Localized.Text($"No movement has the id '{parent}'.", $"Không có phong trào thi đua nào mang id '{parent}'.")));
        var planIds = (PlanIds ?? []).Distinct().ToList();
        var knownPlans = await db.Plans.Where(p => planIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        failures.AddRange(planIds.Except(knownPlans).Select(id => new ValidationFailure("planIds", Localized.Text($"No plan has the id '{id}'.", $"Không có kế hoạch nào mang id '{id}'."))));
        var codes = ParticipantUnitCodes ?? [];
        var units = await db.Units.LookUpCodesAsync(codes.Select((c, i) => new UnitCodeAt($"participantUnitCodes[{i}]", c)), ct);
        failures.AddRange(units.Unknown);
        var clusterIds = (ParticipantClusterIds ?? []).Distinct().ToList();
        var knownClusters = await db.Clusters.Where(c => clusterIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        failures.AddRange(clusterIds.Except(knownClusters).Select(id => new ValidationFailure("participantClusterIds", Localized.Text($"No cluster has the id '{id}'.", $"Không có cụm, khối thi đua nào mang id '{id}'."))));
        if (failures.Count > 0) throw new ValidationException(failures);

        movement.Describe(Name!, Slogan, Form!.Value, new MovementLaunch(LauncherLevel!.Value, LaunchDocument), new MovementPeriod(StartDate, EndDate), Scope, ParentMovementId);
        movement.CarriedBy(knownPlans);
        movement.WithParticipants(codes.Select(c => new MovementParticipant(units[c].Id, null)).Concat(knownClusters.Select(c => new MovementParticipant(null, c))));
        var key = movement.NameKeyValue;
        if (await db.Movements.AnyAsync(m => m.NameKeyValue == key && m.Id != movement.Id, ct))
            throw new DomainException(Localized.Text($"A movement named '{movement.Name}' is already registered.", $"Phong trào thi đua mang tên '{movement.Name}' đã được đăng ký."));
    }
}

public sealed class MovementFieldsValidator : AbstractValidator<MovementFields>
{
    public MovementFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Movement.NameMaxLength);
        RuleFor(x => x.Slogan).MaximumLength(Movement.TextMaxLength);
        RuleFor(x => x.Form).NotNull().IsInEnum();
        RuleFor(x => x.LauncherLevel).NotNull().IsInEnum();
        RuleFor(x => x.LaunchDocument).MaximumLength(Movement.ReferenceMaxLength);
        RuleFor(x => x.StartDate).InDateRange();
        RuleFor(x => x.EndDate).InDateRange();
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).When(x => x.EndDate is not null && x.StartDate is not null)
            .WithMessage(_ => Localized.Text("'endDate' must not be before 'startDate'.", "'endDate' không được trước 'startDate'."));
        RuleFor(x => x.Scope).MaximumLength(Movement.TextMaxLength);
        RuleFor(x => x.PlanIds).Must(l => l is null || l.Count <= 50).WithMessage(_ => Localized.Text("At most 50 plans.", "Tối đa 50 kế hoạch."));
        RuleFor(x => x.ParticipantUnitCodes).Must(l => l is null || l.Count <= 1000).WithMessage(_ => Localized.Text("At most 1000 units.", "Tối đa 1000 đơn vị."));
        RuleForEach(x => x.ParticipantUnitCodes).ListedUnitCode();
        RuleFor(x => x.ParticipantClusterIds).Must(l => l is null || l.Count <= 200).WithMessage(_ => Localized.Text("At most 200 clusters.", "Tối đa 200 cụm, khối thi đua."));
    }
}

using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Plans;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Movements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>A movement as a plan's text names it.</summary>
public sealed record ParsedMovement(string Name, string? Slogan, MovementForm Form, LauncherLevel LauncherLevel,
    string? LaunchDocument, DateOnly? StartDate, DateOnly? EndDate, string? Scope);

/// <summary>Finds the movements a plan launches or continues (its part on emulation movements).</summary>
public interface IMovementTextReader
{
    IReadOnlyList<ParsedMovement> Read(ParsedPlan plan);
}

/// <summary>
/// Register the movements a plan's text names (the 2026 plan's part II.2: the 2026–2030 national movement and the
/// continuing ones), linked to the plan when it is registered. Matched by name (NameKey): loading again changes nothing.
/// New ones are recorded as launched, with the launching document the text names and no launch date (the text gives
/// none); a movement whose period the text does not give has no start date.
/// </summary>
public sealed record ImportMovementsCommand(string Text) : IRequest<MovementImportResult>;

public sealed record MovementImportResult(int Created, int Unchanged, IReadOnlyList<Guid> MovementIds);

public sealed class ImportMovementsValidator : AbstractValidator<ImportMovementsCommand>
{
    public ImportMovementsValidator() =>
        RuleFor(x => x.Text).NotEmpty().WithMessage(_ => Localized.Text("The plan's text is empty.", "Văn bản kế hoạch trống.")).MaximumLength(ImportPlanValidator.MaxLength);
}

public sealed class ImportMovementsHandler(IAppDbContext db, IPlanTextParser parser, IMovementTextReader reader, AuditTrail audit)
    : IRequestHandler<ImportMovementsCommand, MovementImportResult>
{
    public async Task<MovementImportResult> Handle(ImportMovementsCommand request, CancellationToken cancellationToken)
    {
        var plan = parser.Parse(request.Text);
        var parsed = reader.Read(plan);
        if (parsed.Count == 0)
            throw new DomainException(Localized.Text("The plan's text names no emulation movement (its part on movements quotes none).", "Văn bản kế hoạch không nêu phong trào thi đua nào (phần về các phong trào thi đua không trích dẫn phong trào nào)."));
        var title = Text.Clean(plan.Title);
        var planId = await db.Plans.Where(p => p.Year == plan.Year && p.Title == title).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);

        var keys = parsed.Select(p => NameKey.Of(p.Name)).ToList();
        var existing = await db.Movements.Where(m => keys.Contains(m.NameKeyValue)).ToListAsync(cancellationToken);
        int created = 0, unchanged = 0;
        var ids = new List<Guid>();
        foreach (var item in parsed)
        {
            var movement = existing.FirstOrDefault(m => m.NameKeyValue == NameKey.Of(item.Name));
            if (movement is null)
            {
                movement = Movement.Create(item.Name, item.Form, item.LauncherLevel, item.StartDate);
                movement.Describe(item.Name, item.Slogan, item.Form, new MovementLaunch(item.LauncherLevel, item.LaunchDocument),
                    new MovementPeriod(item.StartDate, item.EndDate), item.Scope, null);
                movement.RecordLaunchedUndated(item.LaunchDocument);
                db.Movements.Add(movement);
                existing.Add(movement);
                created++;
            }
            else unchanged++;
            if (planId is { } id && !movement.PlanIds.Contains(id)) movement.CarriedBy([.. movement.PlanIds, id]);
            ids.Add(movement.Id);
        }
        audit.Summarize(nameof(Movement), planId?.ToString() ?? "import", new { created, unchanged });
        await db.SaveChangesAsync(cancellationToken);
        return new MovementImportResult(created, unchanged, ids);
    }
}

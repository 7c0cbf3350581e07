using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Plans;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Plans;

/// <summary>
/// Load a plan document's text: the header and the appendix of tasks. The plan is matched by year and title, its tasks
/// by group and number, so loading the same text again changes nothing. Names resolve through the unit registry's
/// names and aliases; what does not resolve is kept on the task as written and listed in the answer.
/// </summary>
public sealed record ImportPlanCommand(string Text) : IRequest<PlanImportResult>;

/// <summary>What a plan import did.</summary>
/// <param name="PlanCreated">True when the plan was new.</param>
/// <param name="PlanUpdated">True when an existing draft's header changed.</param>
/// <param name="Unresolved">Names no unit or group matched; the tasks keep them as written.</param>
public sealed record PlanImportResult(
    Guid PlanId,
    int Year,
    string Title,
    bool PlanCreated,
    bool PlanUpdated,
    int TasksCreated,
    int TasksUpdated,
    int TasksUnchanged,
    int TasksRemoved,
    IReadOnlyList<UnresolvedName> Unresolved);

/// <summary>A name in a plan's cell that matched no unit or group.</summary>
/// <param name="Line">The appendix row's line in the text.</param>
/// <param name="Role">Lead or Coordinator.</param>
public sealed record UnresolvedName(int Line, PeriodGroup Group, int Sequence, AssigneeRole Role, string Text);

public sealed class ImportPlanValidator : AbstractValidator<ImportPlanCommand>
{
    public const int MaxLength = 1_000_000;

    public ImportPlanValidator() =>
        RuleFor(x => x.Text).NotEmpty().WithMessage(_ => Localized.Text("The plan's text is empty.", "Văn bản kế hoạch trống.")).MaximumLength(MaxLength);
}

public sealed class ImportPlanHandler(IAppDbContext db, IPlanTextParser parser, AuditTrail audit) : IRequestHandler<ImportPlanCommand, PlanImportResult>
{
    public async Task<PlanImportResult> Handle(ImportPlanCommand request, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(request.Text);
        var title = Text.Clean(parsed.Title)!;

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Year == parsed.Year && p.Title == title, cancellationToken);
        var planCreated = plan is null;
        var planUpdated = false;
        if (plan is null)
        {
            plan = Plan.Create(parsed.Year, title);
            Write(plan, parsed);
            db.Plans.Add(plan);
        }
        else if (!SameHeader(plan, parsed))
        {
            Write(plan, parsed); // refused (409) unless the plan is a draft
            planUpdated = true;
        }

        var resolver = await BuildResolverAsync(cancellationToken);
        var existing = planCreated ? [] : await db.Tasks.Where(t => t.PlanId == plan.Id).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(t => (t.Group, t.Sequence));
        var unresolved = new List<UnresolvedName>();
        int created = 0, updated = 0, unchanged = 0;

        foreach (var row in parsed.Tasks)
        {
            var assignees = Assignees(resolver, row, unresolved);
            if (byKey.Remove((row.Group, row.Sequence), out var task))
            {
                if (task.Revise(plan, row.Group, row.Sequence, row.Content, row.Timing, assignees, row.Cells, task.MovementId)) // the text names no movement: keep the one a user chose
                    updated++;
                else
                    unchanged++;
            }
            else
            {
                db.Tasks.Add(PlanTask.Create(plan, row.Group, row.Sequence, row.Content, row.Timing, assignees, row.Cells));
                created++;
            }
        }

        foreach (var gone in byKey.Values)
        {
            gone.EnsureRemovable(plan);
            db.Tasks.Remove(gone);
        }

        audit.Summarize(nameof(Plan), plan.Id.ToString(), new { planCreated, planUpdated, tasksCreated = created, tasksUpdated = updated, tasksUnchanged = unchanged, unresolved = unresolved.Count });
        await db.SaveChangesAsync(cancellationToken);
        return new PlanImportResult(plan.Id, plan.Year, plan.Title, planCreated, planUpdated, created, updated, unchanged, byKey.Count, unresolved);
    }

    /// <summary>The row's lead and coordinator cells as assignees; the names that resolve to nothing are added to <paramref name="unresolved"/>.</summary>
    private static List<TaskAssignee> Assignees(AssigneeResolver resolver, ParsedTask row, List<UnresolvedName> unresolved)
    {
        var assignees = new List<TaskAssignee>();
        foreach (var (role, cell) in new[] { (AssigneeRole.Lead, row.LeadText), (AssigneeRole.Coordinator, row.CoordinatorText) })
        {
            var position = 0;
            foreach (var name in resolver.ResolveCell(cell))
            {
                if (assignees.Any(a => a.Role == role && ((name.UnitId is not null && a.UnitId == name.UnitId) || (name.Group is not null && a.Group == name.Group))))
                    continue; // a name repeated in one cell
                assignees.Add(name switch
                {
                    { UnitId: { } unit } => TaskAssignee.ForUnit(role, position, unit, name.Text),
                    { Group: { } group } => TaskAssignee.ForGroup(role, position, group, name.Text),
                    _ => TaskAssignee.Unresolved(role, position, name.Text),
                });
                if (!name.IsResolved) unresolved.Add(new UnresolvedName(row.Line, row.Group, row.Sequence, role, name.Text));
                position++;
            }
        }
        return assignees;
    }

    private async Task<AssigneeResolver> BuildResolverAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.Name, u.ShortName, u.Aliases }).ToListAsync(ct);
        return new AssigneeResolver(units.Select(u => (u.Id, (IEnumerable<string>)[u.Name, .. u.ShortName is null ? Array.Empty<string>() : [u.ShortName], .. u.Aliases])));
    }

    // A text without a number or date (a draft's) does not erase the ones the plan was issued with.
    private static void Write(Plan plan, ParsedPlan p) =>
        plan.Revise(p.Year, p.Title, new DocumentReference(p.Number ?? plan.Number, p.IssueDate ?? plan.IssueDate), p.IssuingBody, p.Place,
            new Signer(p.SignerName, p.SignerTitle), new PlanContent(p.LegalBases, p.Purpose, p.Requirements, p.Sections, p.Recipients));

    private static bool SameHeader(Plan plan, ParsedPlan p)
    {
        var probe = Plan.Create(p.Year, p.Title);
        Write(probe, p);
        return (probe.Number is null || plan.Number == probe.Number) && plan.IssuingBody == probe.IssuingBody && plan.Place == probe.Place
               && (probe.IssueDate is null || plan.IssueDate == probe.IssueDate) && plan.SignerName == probe.SignerName && plan.SignerTitle == probe.SignerTitle
               && plan.Purpose == probe.Purpose && plan.Requirements == probe.Requirements
               && plan.LegalBases.SequenceEqual(probe.LegalBases, StringComparer.Ordinal) && plan.Recipients.SequenceEqual(probe.Recipients, StringComparer.Ordinal)
               && plan.Sections.SequenceEqual(probe.Sections);
    }
}

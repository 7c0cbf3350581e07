using EmulationApi.Application.Common.Webhooks;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Movements;
using EmulationApi.Domain.Plans;
using EmulationApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// The events of what a SaveChanges is about to write through EF (the one place every use case's change passes, like
/// the audit): a plan issued or amended, a task created, changed or deleted, a movement's step, a covenant's evaluation
/// published, a dossier's step. Obligations are not here: most of their changes are set-based SQL, so a statement
/// trigger writes theirs (<see cref="WebhookSql"/>), whichever the writer. A progress report's event is added by its use
/// case (ReportProgress), which knows the task's plan and the unit's code: read here, they cost a round trip under the
/// feed lock (and the task, read untracked, gave no plan).
/// </summary>
internal static class WebhookEventCollector
{
    private sealed record Found(string Type, string Subject, Guid? PlanId, Guid[] UnitIds, object Data);

    /// <summary>Adds the events of the tracked changes to <paramref name="outbox"/>, their units' codes looked up in one query.</summary>
    public static async Task CollectAsync(AppDbContext db, WebhookOutbox outbox, CancellationToken ct)
    {
        var found = new List<Found>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Plan plan when entry.State == EntityState.Modified && Changed(entry, nameof(Plan.Status)) && plan.Status == PlanStatus.Issued:
                    found.Add(new("plan.issued", $"plan/{plan.Id}", plan.Id, [],
                        new { plan.Id, plan.Year, plan.Title, plan.Number, plan.IssueDate, plan.Status }));
                    break;
                case PlanAmendment amendment when entry.State == EntityState.Added:
                    found.Add(new("plan.amended", $"plan/{amendment.PlanId}", amendment.PlanId, [],
                        new { id = amendment.PlanId, amendmentId = amendment.Id, amendment.Sequence, amendment.Number, amendment.Date, amendment.Summary }));
                    break;
                case PlanTask task when entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified):
                    found.Add(new("task.changed", $"task/{task.Id}", task.PlanId, [.. task.Assignees.Where(a => a.UnitId is not null).Select(a => a.UnitId!.Value)],
                        new { task.Id, task.PlanId, change = Change(entry.State), task.Group, task.Sequence, task.Content, task.Deadline, task.Status }));
                    break;
                case Movement movement when entry.State == EntityState.Modified && Changed(entry, nameof(Movement.Status)):
                    found.Add(new("movement.step", $"movement/{movement.Id}", null, [], new { movement.Id, movement.Name, movement.Status }));
                    break;
                case Covenant covenant when entry.State == EntityState.Modified && Changed(entry, nameof(Covenant.Status)) && covenant.Status == CovenantStatus.Evaluated:
                    found.Add(new("covenant.published", $"covenant/{covenant.Id}", null, [], new { covenant.Id, covenant.ClusterId, covenant.EvaluatedOn }));
                    break;
                case Dossier dossier when entry.State == EntityState.Modified && Changed(entry, nameof(Dossier.Status)):
                    found.Add(new("dossier.step", $"dossier/{dossier.Id}", null, [dossier.ProposingUnitId],
                        new { dossier.Id, dossier.Year, dossier.Type, dossier.Status }));
                    break;
            }
        }
        if (found.Count == 0) return;

        var unitIds = found.SelectMany(f => f.UnitIds).Distinct().ToList();
        var codes = unitIds.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Code }).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        foreach (var f in found)
            outbox.Add(new WebhookEventDraft(f.Type, f.Subject, f.PlanId, [.. f.UnitIds.Where(codes.ContainsKey).Select(id => codes[id])], f.Data));
    }

    private static bool Changed(EntityEntry entry, string property) =>
        entry.Property(property) is { IsModified: true } p && !Equals(p.OriginalValue, p.CurrentValue);

    private static string Change(EntityState state) => state switch
    {
        EntityState.Added => "created",
        EntityState.Deleted => "deleted",
        _ => "updated",
    };
}

using EmulationApi.Application.Common.Security;

namespace EmulationApi.Application.Common.Auditing;

/// <summary>
/// What the audit trail needs to know about the current request: who, which use case, and whether the change is a
/// bulk import recorded as one entry with counts instead of one entry per row. The persistence layer writes the
/// entries in the same transaction as the change.
/// </summary>
public sealed class AuditTrail(ICurrentClient client)
{
    public string Client => client.Name;

    public string? UseCase { get; set; }

    /// <summary>Set by a bulk import: the one entry to write in place of the per-row entries.</summary>
    public BulkAuditSummary? Summary { get; private set; }

    /// <summary>Asks the next SaveChanges for one <c>Imported</c> entry with <paramref name="counts"/> instead of one entry per row.</summary>
    /// <param name="writtenBySql">
    /// True when the import wrote its rows with set-based SQL (COPY, INSERT … SELECT) that the change tracker does not
    /// see: the entry is then written even though SaveChanges has nothing else to save. Otherwise it is written only when
    /// the tracked changes are not empty, so that a reload that changes nothing leaves no entry.
    /// </param>
    public void Summarize(string entity, string entityId, object counts, bool writtenBySql = false) =>
        Summary = new BulkAuditSummary(entity, entityId, counts, writtenBySql);
}

public sealed record BulkAuditSummary(string Entity, string EntityId, object Counts, bool WrittenBySql);

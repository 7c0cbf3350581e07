namespace EmulationApi.Domain.Auditing;

/// <summary>
/// One line of the audit trail: who changed what, when and how. Written in the same transaction as the change it
/// records, never updated.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    /// <summary>When the change was committed (the transaction's time, UTC).</summary>
    public DateTimeOffset At { get; private set; }
    /// <summary>The client's name: an API key's name or a token's subject.</summary>
    public string Client { get; private set; } = "";
    /// <summary>The use case that made the change (e.g. IssuePlan).</summary>
    public string? UseCase { get; private set; }
    public string Entity { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public AuditAction Action { get; private set; }
    /// <summary>The changed fields as JSON: <c>{"field": {"from": …, "to": …}}</c>, or the counts of a bulk import.</summary>
    public string Changes { get; private set; } = "{}";

    public static AuditEntry Record(string client, string? useCase, string entity, string entityId, AuditAction action, string changes) =>
        new() { Client = client, UseCase = useCase, Entity = entity, EntityId = entityId, Action = action, Changes = changes };
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    /// <summary>A bulk import: one entry with the counts.</summary>
    Imported,
}

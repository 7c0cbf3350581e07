namespace EmulationApi.Domain.Common;

/// <summary>
/// Base for aggregates: a stable id, the timestamps the persistence layer maintains in one place, and the row version
/// every conditional request is checked against (the versioned-entity contract).
/// </summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>When the row was first written (UTC). Set by the persistence layer.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the row was last changed (UTC). Set by the persistence layer.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The row version (PostgreSQL xmin), changed by every write; the ETag and If-Match carry it.</summary>
    public uint Version { get; private set; }
}

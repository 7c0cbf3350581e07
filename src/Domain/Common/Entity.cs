namespace EmulationApi.Domain.Common;

/// <summary>Base for aggregates: a stable id and the timestamps the persistence layer maintains in one place.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>When the row was first written (UTC). Set by the persistence layer.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the row was last changed (UTC). Set by the persistence layer.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Touch(DateTimeOffset now, bool created)
    {
        if (created) CreatedAt = now;
        UpdatedAt = now;
    }
}

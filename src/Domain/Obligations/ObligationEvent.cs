namespace EmulationApi.Domain.Obligations;

/// <summary>
/// A step in an obligation's history other than a progress report: it arose, moved to another unit, was withdrawn or
/// restored, extended, exempted, or its claimed completion was confirmed or rejected. Kept, never changed.
/// </summary>
public sealed class ObligationEvent
{
    private ObligationEvent() { }

    public long Id { get; private set; }
    public Guid ObligationId { get; private set; }
    public ObligationEventKind Kind { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>Who did it: the client's name, or "system" for what the registry and the clusters caused.</summary>
    public string Actor { get; private set; } = "";
    /// <summary>What changed, in a few words (e.g. the old and new deadline).</summary>
    public string? Detail { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static ObligationEvent Of(Obligation obligation, ObligationEventKind kind, string? reason, string actor, string? detail) =>
        new() { ObligationId = obligation.Id, Kind = kind, Reason = reason, Actor = actor, Detail = detail };
}

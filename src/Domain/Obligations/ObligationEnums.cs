namespace EmulationApi.Domain.Obligations;

/// <summary>Whether a unit still holds an obligation.</summary>
public enum ObligationState
{
    /// <summary>The unit holds it.</summary>
    Active,
    /// <summary>The unit no longer belongs (deactivated, left the group, the task no longer names it): kept with its history, never deleted.</summary>
    Withdrawn,
}

/// <summary>Where an editor stands on a completion a unit reported.</summary>
public enum CompletionReview
{
    /// <summary>Nothing to review: the unit has not reported the work done.</summary>
    None,
    /// <summary>Reported done, not yet looked at.</summary>
    Pending,
    /// <summary>An editor confirmed the completion.</summary>
    Confirmed,
    /// <summary>An editor rejected the completion; the obligation went back to in progress.</summary>
    Rejected,
}

/// <summary>What happened to an obligation.</summary>
public enum ObligationEventKind
{
    Moved,
    Withdrawn,
    Restored,
    RoleChanged,
    DeadlineExtended,
    Exempted,
    CompletionConfirmed,
    CompletionRejected,
}

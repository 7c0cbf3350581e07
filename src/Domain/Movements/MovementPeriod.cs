namespace EmulationApi.Domain.Movements;

/// <summary>When a movement runs: from its start date (null when the source does not give it), to its end date or open-ended.</summary>
public sealed record MovementPeriod(DateOnly? Start, DateOnly? End = null);

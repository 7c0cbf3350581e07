namespace EmulationApi.Domain.Plans;

/// <summary>How a document is cited: its number (số ký hiệu, e.g. "12/KH-UBND") and its date; both blank while drafting.</summary>
public sealed record DocumentReference(string? Number, DateOnly? Date);

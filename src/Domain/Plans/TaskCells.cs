namespace EmulationApi.Domain.Plans;

/// <summary>The cells of a task's appendix row as the plan wrote them: lead (chủ trì), coordinators (phối hợp), timing.</summary>
public sealed record TaskCells(string? Lead = null, string? Coordinators = null, string? Timing = null)
{
    /// <summary>A task written through the API rather than loaded from a text: no cells.</summary>
    public static readonly TaskCells None = new();
}

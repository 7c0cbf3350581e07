namespace EmulationApi.Domain.Plans;

/// <summary>A plan's lifecycle: draft (dự thảo) → issued (ban hành) → closed (kết thúc).</summary>
public enum PlanStatus
{
    Draft,
    Issued,
    Closed,
}

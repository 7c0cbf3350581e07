using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Plans;

/// <summary>An amendment of an issued plan (văn bản điều chỉnh, bổ sung kế hoạch) and the changes it made, in order.</summary>
/// <param name="Sequence">1 for the plan's first amendment, then 2, 3, …</param>
/// <param name="Number">The amending document's number (số ký hiệu).</param>
/// <param name="Date">The amending document's date; obligations it gives rise to arise on it.</param>
/// <param name="Changes">What it did to each task it touched: added (bổ sung), changed (điều chỉnh) or cancelled (hủy), with the task's group and number.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record AmendmentDto(
    Guid Id,
    Guid PlanId,
    int Sequence,
    string Number,
    DateOnly Date,
    string Summary,
    IReadOnlyList<AmendmentChange> Changes,
    DateTimeOffset CreatedAt);

public static class AmendmentProjections
{
    public static IQueryable<AmendmentDto> ToDto(this IQueryable<PlanAmendment> amendments) =>
        amendments.Select(a => new AmendmentDto(a.Id, a.PlanId, a.Sequence, a.Number, a.Date, a.Summary, a.Changes, a.CreatedAt));
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Plans;

namespace EmulationApi.Application.Plans;

/// <summary>A plan (kế hoạch) with everything it says.</summary>
/// <param name="Number">Document number (số ký hiệu), e.g. "12/KH-UBND"; null while drafting.</param>
/// <param name="LegalBases">Căn cứ: the documents the plan rests on, in order.</param>
/// <param name="Recipients">Nơi nhận.</param>
/// <param name="TaskCount">How many tasks its appendix holds, cancelled ones included.</param>
/// <param name="AmendmentCount">How many amendments (điều chỉnh, bổ sung) it has had; GET /api/v1/plans/{id}/amendments lists them.</param>
/// <param name="Version">Concurrency version; the ETag header carries it.</param>
public sealed record PlanDto(
    Guid Id,
    int Year,
    string? Number,
    string Title,
    string? IssuingBody,
    string? Place,
    DateOnly? IssueDate,
    string? SignerName,
    string? SignerTitle,
    IReadOnlyList<string> LegalBases,
    string? Purpose,
    string? Requirements,
    IReadOnlyList<PlanSection> Sections,
    IReadOnlyList<string> Recipients,
    PlanStatus Status,
    int TaskCount,
    int AmendmentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>A plan as lists show it.</summary>
public sealed record PlanListItemDto(
    Guid Id,
    int Year,
    string? Number,
    string Title,
    DateOnly? IssueDate,
    PlanStatus Status,
    int TaskCount,
    DateTimeOffset UpdatedAt);

// Hand-written, not Mapster: a plan has no navigation to its tasks (they are their own aggregate), so the task and amendment counts are
// subqueries over other sets, which a static mapping configuration cannot name. ListPlans writes its own for the same reason.
public static class PlanProjections
{
    public static IQueryable<PlanDto> ToDto(this IQueryable<Plan> plans, IAppDbContext db) =>
        plans.Select(p => new PlanDto(p.Id, p.Year, p.Number, p.Title, p.IssuingBody, p.Place, p.IssueDate, p.SignerName,
            p.SignerTitle, p.LegalBases, p.Purpose, p.Requirements, p.Sections, p.Recipients, p.Status,
            db.Tasks.Count(t => t.PlanId == p.Id), db.PlanAmendments.Count(a => a.PlanId == p.Id), p.CreatedAt, p.UpdatedAt, p.Version));
}

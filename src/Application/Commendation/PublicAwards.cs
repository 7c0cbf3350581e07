using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>
/// A decided award as the public sees it (công khai): who received it — the person's full name, or the collective's
/// name —, their unit, the award, the year and the decision. Nothing else: no birth year, position, category,
/// achievements, ids or who entered it.
/// </summary>
/// <param name="Name">The person's full name, or the collective unit's name.</param>
/// <param name="UnitName">The collective recipient, or the person's unit.</param>
/// <param name="Year">The year the achievement is counted for.</param>
public sealed record PublicAwardDto(
    string Name,
    string UnitName,
    string AwardCode,
    string AwardName,
    int Year,
    string DecisionNumber,
    DateOnly DecisionDate);

/// <summary>
/// The public list of decided awards: the register's lines recorded from a decision taken through the system (not
/// the history editors entered), newest year first; filters year, award, unit.
/// </summary>
/// <param name="Year">Only the awards counted for this year.</param>
/// <param name="AwardCode">Only the awards of this catalog entry (case-insensitive).</param>
/// <param name="UnitCode">Only the awards of this unit (its own and its people's).</param>
public sealed record ListPublicAwardsQuery(
    int? Year = null,
    string? AwardCode = null,
    string? UnitCode = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<PublicAwardDto>>, IPagedQuery;

public sealed class ListPublicAwardsValidator : AbstractValidator<ListPublicAwardsQuery>
{
    public ListPublicAwardsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.UnitCode).OptionalUnitCode();
    }
}

public sealed class ListPublicAwardsHandler(IAppDbContext db) : IRequestHandler<ListPublicAwardsQuery, PagedList<PublicAwardDto>>
{
    public async Task<PagedList<PublicAwardDto>> Handle(ListPublicAwardsQuery request, CancellationToken cancellationToken)
    {
        var records = db.AwardRecords.AsNoTracking().Where(r => r.Source == AwardRecordSource.Decision);
        if (request.Year is { } year) records = records.Where(r => r.Year == year);
        if (Text.Clean(request.UnitCode) is { } unitCode)
        {
            var unit = await db.Units.ResolveCodeAsync("unitCode", unitCode, cancellationToken);
            records = records.Where(r => r.UnitId == unit.Id);
        }
        if (Text.Clean(request.AwardCode) is { } awardCode)
        {
            var key = AwardQueries.CodeKey(awardCode);
            records = records.Where(r => db.Awards.Any(a => a.Id == r.AwardId && a.Code == key));
        }
        var lines =
            from r in records
            join a in db.Awards on r.AwardId equals a.Id
            join u in db.Units on r.UnitId equals u.Id
            orderby r.Year descending, r.DecisionDate descending, r.Id
            select new PublicAwardDto(r.PersonName ?? u.Name, u.Name, a.Code, a.Name, r.Year, r.DecisionNumber, r.DecisionDate);
        return await lines.ToPagedListAsync(request, cancellationToken);
    }
}

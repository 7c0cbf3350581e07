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
/// A nominee under the council's consideration as the public sees it (công khai): who — a person's full name, a small
/// collective's name, or the unit's —, their unit, the award asked for, and the session's day. Nothing else: no birth
/// year, position, category, achievements, votes or ids.
/// </summary>
/// <param name="Name">The person's full name, the small collective's name, or the collective unit's name.</param>
/// <param name="UnitName">The collective nominee, or the unit the person or small collective belongs to.</param>
/// <param name="SessionDate">The day of the council session that considers the nominee.</param>
public sealed record PublicNomineeDto(string Name, string UnitName, string AwardCode, string AwardName, DateOnly SessionDate);

/// <summary>
/// The public list of nominees under consideration: the nominees of the dossiers considered by the council sessions that
/// published them, while their dossier is not decided — all of them while the session is open, only those the council
/// recommended once it is concluded; latest session first.
/// </summary>
/// <param name="Year">Only the nominees of sessions held in this year.</param>
/// <param name="AwardCode">Only the nominees asking for this catalog entry (case-insensitive).</param>
/// <param name="UnitCode">Only the nominees of this unit (the unit itself, its small collectives and its people).</param>
public sealed record ListPublicNomineesQuery(
    int? Year = null,
    string? AwardCode = null,
    string? UnitCode = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<PublicNomineeDto>>, IPagedQuery;

public sealed class ListPublicNomineesValidator : AbstractValidator<ListPublicNomineesQuery>
{
    public ListPublicNomineesValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.UnitCode).OptionalUnitCode();
    }
}

public sealed class ListPublicNomineesHandler(IAppDbContext db) : IRequestHandler<ListPublicNomineesQuery, PagedList<PublicNomineeDto>>
{
    public async Task<PagedList<PublicNomineeDto>> Handle(ListPublicNomineesQuery request, CancellationToken cancellationToken)
    {
        var sessions = db.CouncilSessions.AsNoTracking().Where(s => s.PublishedOn != null);
        if (request.Year is { } year) sessions = sessions.Where(s => s.HeldOn >= new DateOnly(year, 1, 1) && s.HeldOn <= new DateOnly(year, 12, 31));
        var nominees =
            from s in sessions
            from d in db.Dossiers.AsNoTracking()
            where d.CouncilSessionId == s.Id && d.Status != DossierStatus.Decided
            from n in d.Nominees
            where s.Status == CouncilSessionStatus.Open || n.CouncilOutcome == CouncilOutcome.Recommended
            select new { s.HeldOn, SessionId = s.Id, DossierCreatedAt = d.CreatedAt, DossierId = d.Id, n.Sequence, n.Name, n.UnitId, n.AwardId };
        if (Text.Clean(request.UnitCode) is { } unitCode)
        {
            var unit = await db.Units.ResolveCodeAsync("unitCode", unitCode, cancellationToken);
            nominees = nominees.Where(n => n.UnitId == unit.Id);
        }
        if (Text.Clean(request.AwardCode) is { } awardCode)
        {
            var key = AwardQueries.CodeKey(awardCode);
            nominees = nominees.Where(n => db.Awards.Any(a => a.Id == n.AwardId && a.Code == key));
        }
        var lines =
            from n in nominees
            join a in db.Awards on n.AwardId equals a.Id
            join u in db.Units on n.UnitId equals u.Id
            orderby n.HeldOn descending, n.SessionId, n.DossierCreatedAt, n.DossierId, n.Sequence
            select new PublicNomineeDto(n.Name ?? u.Name, u.Name, a.Code, a.Name, n.HeldOn);
        return await lines.ToPagedListAsync(request, cancellationToken);
    }
}

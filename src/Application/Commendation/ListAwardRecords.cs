using EmulationApi.Application.Common.Errors;
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
/// The register, filtered: a unit (its own awards and its people's), an award, a range of years, a person's name
/// (case and Vietnamese diacritics ignored, a part of the name is enough); newest year first.
/// </summary>
/// <param name="UnitCode">Only the lines of this unit (collective awards and its people's).</param>
/// <param name="AwardCode">Only the lines of this award.</param>
/// <param name="FromYear">Only the years from this one.</param>
/// <param name="ToYear">Only the years up to this one.</param>
/// <param name="PersonName">Only the people whose name contains this text.</param>
public sealed record ListAwardRecordsQuery(
    string? UnitCode = null,
    string? AwardCode = null,
    int? FromYear = null,
    int? ToYear = null,
    string? PersonName = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<AwardRecordDto>>, IPagedQuery;

public sealed class ListAwardRecordsValidator : AbstractValidator<ListAwardRecordsQuery>
{
    public ListAwardRecordsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.UnitCode).OptionalUnitCode();
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.FromYear).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.ToYear).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.ToYear).GreaterThanOrEqualTo(x => x.FromYear).When(x => x.FromYear is not null && x.ToYear is not null)
            .WithMessage(_ => Localized.Text("'toYear' must not be before 'fromYear'.", "'toYear' không được trước 'fromYear'."));
        RuleFor(x => x.PersonName).MaximumLength(AwardRecord.PersonNameMaxLength);
    }
}

public sealed class ListAwardRecordsHandler(IAppDbContext db) : IRequestHandler<ListAwardRecordsQuery, PagedList<AwardRecordDto>>
{
    public async Task<PagedList<AwardRecordDto>> Handle(ListAwardRecordsQuery request, CancellationToken cancellationToken)
    {
        var records = db.AwardRecords.AsNoTracking();
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
        if (request.FromYear is { } from) records = records.Where(r => r.Year >= from);
        if (request.ToYear is { } to) records = records.Where(r => r.Year <= to);
        if (Text.Clean(request.PersonName) is { } name)
            records = records.Where(r => EF.Property<string?>(r, Sql.SearchTextColumn)!.Contains(Sql.SearchKey(name)));
        return await records.OrderByDescending(r => r.Year).ThenByDescending(r => r.DecisionDate).ThenBy(r => r.Id)
            .ToDtos(db).ToPagedListAsync(request, cancellationToken);
    }
}

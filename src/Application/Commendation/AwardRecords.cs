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

/// <summary>A line of the award register.</summary>
/// <param name="Unit">The collective recipient, or the person's unit.</param>
/// <param name="PersonName">The person, for an individual award; null for a collective one.</param>
/// <param name="Year">The year the achievement is counted for.</param>
/// <param name="Source">Decision: recorded from a decision taken through the system; History: entered for an award received before it.</param>
public sealed record AwardRecordDto(
    Guid Id,
    AwardRefDto Award,
    int Year,
    UnitRefDto Unit,
    string? PersonName,
    int? PersonBirthYear,
    AwardDecision Decision,
    AwardRecordSource Source,
    string? Note,
    DateTimeOffset CreatedAt,
    uint Version);

public static class AwardRecordQueries
{
    public static IQueryable<AwardRecordDto> ToDtos(this IQueryable<AwardRecord> records, IAppDbContext db) =>
        from r in records
        join a in db.Awards on r.AwardId equals a.Id
        join u in db.Units on r.UnitId equals u.Id
        select new AwardRecordDto(r.Id, new AwardRefDto(a.Id, a.Code, a.Name), r.Year, new UnitRefDto(u.Id, u.Code, u.Name, u.Kind),
            r.PersonName, r.PersonBirthYear, new AwardDecision(r.DecisionNumber, r.DecisionDate, r.DecisionSigner), r.Source, r.Note,
            r.CreatedAt, r.Version);
}

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

/// <summary>Enter an award received before the system (editors): the register's history.</summary>
/// <param name="UnitCode">The collective recipient, or the person's unit.</param>
/// <param name="PersonName">The person, for an individual award (full name); leave out for a collective one. No national ID numbers.</param>
public sealed record CreateAwardRecordCommand(
    string? AwardCode,
    int? Year,
    string? UnitCode,
    string? PersonName,
    int? PersonBirthYear,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? DecisionSigner,
    string? Note) : IRequest<AwardRecordDto>;

public sealed class CreateAwardRecordValidator : AbstractValidator<CreateAwardRecordCommand>
{
    public CreateAwardRecordValidator()
    {
        RuleFor(x => x.AwardCode).NotEmpty().MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Year).NotNull().InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.PersonName).MaximumLength(AwardRecord.PersonNameMaxLength);
        RuleFor(x => x.PersonBirthYear).InclusiveBetween(1900, Years.Last);
        RuleFor(x => x.DecisionNumber).NotEmpty().MaximumLength(AwardRecord.DecisionNumberMaxLength);
        RuleFor(x => x.DecisionDate).NotNull().InDateRange();
        RuleFor(x => x.DecisionSigner).MaximumLength(AwardRecord.SignerMaxLength);
        RuleFor(x => x.Note).MaximumLength(AwardRecord.NoteMaxLength);
    }
}

public sealed class CreateAwardRecordHandler(IAppDbContext db) : IRequestHandler<CreateAwardRecordCommand, AwardRecordDto>
{
    public async Task<AwardRecordDto> Handle(CreateAwardRecordCommand request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.AwardCode!);
        var award = await db.Awards.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, cancellationToken)
                    ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("awardCode",
                        Localized.Text($"No catalog entry has the code '{code}'.", $"Không có danh hiệu, hình thức nào mang mã '{code}'."))]);
        var unit = await db.Units.ResolveCodeAsync("unitCode", request.UnitCode!, cancellationToken);
        var record = AwardRecord.Create(award, request.Year!.Value, unit.Id, request.PersonName, request.PersonBirthYear,
            new AwardDecision(request.DecisionNumber!, request.DecisionDate!.Value, request.DecisionSigner), AwardRecordSource.History, request.Note);
        db.AwardRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return await db.AwardRecords.AsNoTracking().Where(r => r.Id == record.Id).ToDtos(db).SingleAsync(cancellationToken);
    }
}

/// <summary>One unit's history of awards (its own and its people's), newest year first.</summary>
public sealed record ListUnitAwardHistoryQuery(string UnitCode, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
    : IRequest<PagedList<AwardRecordDto>>, IPagedQuery;

public sealed class ListUnitAwardHistoryValidator : AbstractValidator<ListUnitAwardHistoryQuery>
{
    public ListUnitAwardHistoryValidator() => this.AddPagingRules();
}

public sealed class ListUnitAwardHistoryHandler(IAppDbContext db) : IRequestHandler<ListUnitAwardHistoryQuery, PagedList<AwardRecordDto>>
{
    public async Task<PagedList<AwardRecordDto>> Handle(ListUnitAwardHistoryQuery request, CancellationToken cancellationToken)
    {
        var lookup = await db.Units.LookUpCodesAsync([new UnitCodeAt("unitCode", request.UnitCode)], cancellationToken);
        var unitId = lookup.TryGet(request.UnitCode, out var unit) ? unit.Id : throw new NotFoundException("Unit", request.UnitCode.Trim());
        return await db.AwardRecords.AsNoTracking().Where(r => r.UnitId == unitId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.DecisionDate).ThenBy(r => r.Id)
            .ToDtos(db).ToPagedListAsync(request, cancellationToken);
    }
}

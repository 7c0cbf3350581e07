using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Commendation;

/// <summary>A line of the award register.</summary>
/// <param name="Unit">The collective recipient, or the person's unit.</param>
/// <param name="PersonName">The person, for an individual award; null for a collective one.</param>
/// <param name="Year">The year the achievement is counted for.</param>
/// <param name="Amount">VND the decision awarded, fixed when it was taken (coefficient × the base salary in force on the decision
/// date, rounded to the whole đồng, half away from zero); null for an award without a coefficient, a decision dated before any
/// configured base salary, and history lines. Later edits of the coefficient or the base salaries do not change it.</param>
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
    long? Amount,
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
            r.PersonName, r.PersonBirthYear, new AwardDecision(r.DecisionNumber, r.DecisionDate, r.DecisionSigner), r.Source, r.Amount, r.Note,
            r.CreatedAt, r.Version);
}

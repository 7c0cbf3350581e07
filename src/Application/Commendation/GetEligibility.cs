using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Explain an award's eligibility rules for a unit, or for a person of a unit, in a year.</summary>
/// <param name="UnitCode">The nominee unit, or the person's unit.</param>
/// <param name="PersonName">The person (full name) for an individual nominee; leave out for the unit itself.</param>
/// <param name="PersonBirthYear">The person's birth year, to tell apart people of the same name.</param>
/// <param name="DeclaredNotDisciplined">What the dossier declares about discipline in the period (the system holds no such data).</param>
public sealed record GetEligibilityQuery(string AwardCode, string? UnitCode, int? Year, string? PersonName = null, int? PersonBirthYear = null,
    bool? DeclaredNotDisciplined = null) : IRequest<EligibilityDto>;

public sealed class GetEligibilityValidator : AbstractValidator<GetEligibilityQuery>
{
    public GetEligibilityValidator()
    {
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.Year).NotNull().InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.PersonName).MaximumLength(AwardRecord.PersonNameMaxLength);
        RuleFor(x => x.PersonBirthYear).InclusiveBetween(1900, Years.Last);
    }
}

public sealed class GetEligibilityHandler(IAppDbContext db, EligibilityEvaluator evaluator) : IRequestHandler<GetEligibilityQuery, EligibilityDto>
{
    public async Task<EligibilityDto> Handle(GetEligibilityQuery request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.AwardCode);
        var award = await db.Awards.AsNoTracking().Where(a => a.Code == code).Select(a => new AwardRefDto(a.Id, a.Code, a.Name)).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Award", code);
        var known = await db.Units.ResolveCodeAsync("unitCode", request.UnitCode!, cancellationToken);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == known.Id).Select(u => new UnitRefDto(u.Id, u.Code, u.Name, u.Kind)).SingleAsync(cancellationToken);
        var person = Text.Clean(request.PersonName);
        var nominee = new EligibilityCandidate(unit.Id, person, person is null ? null : request.PersonBirthYear, request.DeclaredNotDisciplined);
        var rules = await evaluator.EvaluateAsync(award.Id, request.Year!.Value, nominee, cancellationToken);
        return new EligibilityDto(award, request.Year.Value, unit, person, nominee.PersonBirthYear, EligibilityEvaluator.Overall(rules), rules);
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>The money an award carries on a decision date: its coefficient × the base salary in force that day.</summary>
public sealed record GetAwardAmountQuery(string Code, DateOnly? On) : IRequest<AwardAmountDto>;

/// <summary>An award's amount on a date, with what it is computed from.</summary>
/// <param name="Amount">Coefficient × base salary, rounded to the whole đồng (half away from zero).</param>
public sealed record AwardAmountDto(AwardRefDto Award, DateOnly On, decimal Coefficient, BaseSalaryDto BaseSalary, long Amount);

public sealed class GetAwardAmountValidator : AbstractValidator<GetAwardAmountQuery>
{
    public GetAwardAmountValidator() => RuleFor(x => x.On).NotNull().InDateRange();
}

public sealed class GetAwardAmountHandler(IAppDbContext db) : IRequestHandler<GetAwardAmountQuery, AwardAmountDto>
{
    public async Task<AwardAmountDto> Handle(GetAwardAmountQuery request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.Code);
        var award = await db.Awards.AsNoTracking().Where(a => a.Code == code).Select(a => new { a.Id, a.Code, a.Name, a.RewardCoefficient })
                        .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Award", code);
        if (award.RewardCoefficient is not { } coefficient)
            throw new DomainException(Localized.Text($"'{code}' has no reward coefficient in the catalog: the law read sets none for it.",
                $"'{code}' chưa có hệ số tiền thưởng trong danh mục."));
        var on = request.On!.Value;
        var salary = await db.BaseSalaries.InForceOnAsync(on, cancellationToken);
        return new AwardAmountDto(new AwardRefDto(award.Id, award.Code, award.Name), on, coefficient,
            new BaseSalaryDto(salary.Id, salary.EffectiveFrom, salary.Amount, salary.LegalBasis, salary.Version), salary.AmountFor(coefficient));
    }
}

using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Add a base salary from a date (admins); one entry per date.</summary>
public sealed record CreateBaseSalaryCommand(DateOnly? EffectiveFrom, long? Amount, string? LegalBasis) : IRequest<BaseSalaryDto>;

public sealed class CreateBaseSalaryValidator : AbstractValidator<CreateBaseSalaryCommand>
{
    public CreateBaseSalaryValidator()
    {
        RuleFor(x => x.EffectiveFrom).NotNull().InDateRange();
        RuleFor(x => x.Amount).NotNull().InclusiveBetween(1, BaseSalary.MaxAmount);
        RuleFor(x => x.LegalBasis).NotEmpty().MaximumLength(BaseSalary.CitationMaxLength);
    }
}

public sealed class CreateBaseSalaryHandler(IAppDbContext db) : IRequestHandler<CreateBaseSalaryCommand, BaseSalaryDto>
{
    public async Task<BaseSalaryDto> Handle(CreateBaseSalaryCommand request, CancellationToken cancellationToken)
    {
        var from = request.EffectiveFrom!.Value;
        if (await db.BaseSalaries.AnyAsync(s => s.EffectiveFrom == from, cancellationToken))
            throw new DomainException(Localized.Text($"A base salary is already configured from {from:yyyy-MM-dd}; edit it instead.",
                $"Đã có mức lương cơ sở áp dụng từ ngày {from:yyyy-MM-dd}; hãy sửa mức đó."));
        var salary = BaseSalary.Create(from, request.Amount!.Value, request.LegalBasis!);
        db.BaseSalaries.Add(salary);
        await db.SaveChangesAsync(cancellationToken);
        return await db.BaseSalaries.AsNoTracking().Where(s => s.Id == salary.Id).ToDtos().SingleAsync(cancellationToken);
    }
}

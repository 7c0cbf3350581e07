using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Correct a base salary entry (admins; If-Match).</summary>
public sealed record UpdateBaseSalaryCommand(DateOnly? EffectiveFrom, long? Amount, string? LegalBasis) : IRequest<BaseSalaryDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateBaseSalaryValidator : AbstractValidator<UpdateBaseSalaryCommand>
{
    public UpdateBaseSalaryValidator()
    {
        RuleFor(x => x.EffectiveFrom).NotNull().InDateRange();
        RuleFor(x => x.Amount).NotNull().InclusiveBetween(1, BaseSalary.MaxAmount);
        RuleFor(x => x.LegalBasis).NotEmpty().MaximumLength(BaseSalary.CitationMaxLength);
    }
}

public sealed class UpdateBaseSalaryHandler(IAppDbContext db) : IRequestHandler<UpdateBaseSalaryCommand, BaseSalaryDto>
{
    public async Task<BaseSalaryDto> Handle(UpdateBaseSalaryCommand request, CancellationToken cancellationToken)
    {
        var salary = await db.BaseSalaries.FirstOrDefaultAsync(s => s.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Base salary", request.Id);
        salary.EnsureVersion(request.ExpectedVersion);
        var from = request.EffectiveFrom!.Value;
        if (await db.BaseSalaries.AnyAsync(s => s.EffectiveFrom == from && s.Id != salary.Id, cancellationToken))
            throw new DomainException(Localized.Text($"A base salary is already configured from {from:yyyy-MM-dd}.", $"Đã có mức lương cơ sở áp dụng từ ngày {from:yyyy-MM-dd}."));
        salary.Describe(from, request.Amount!.Value, request.LegalBasis!);
        await db.SaveChangesAsync(cancellationToken);
        return await db.BaseSalaries.AsNoTracking().Where(s => s.Id == salary.Id).ToDtos().SingleAsync(cancellationToken);
    }
}

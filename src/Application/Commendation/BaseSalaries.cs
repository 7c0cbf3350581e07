using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A base salary (mức lương cơ sở) and the date it is in force from.</summary>
/// <param name="Amount">VND per month.</param>
public sealed record BaseSalaryDto(Guid Id, DateOnly EffectiveFrom, long Amount, string LegalBasis, uint Version);

/// <summary>The base salary in force on a date: the entry with the latest effective date on or before it.</summary>
public static class BaseSalaryLookup
{
    public static async Task<BaseSalary> InForceOnAsync(this IQueryable<BaseSalary> salaries, DateOnly date, CancellationToken ct) =>
        await salaries.AsNoTracking().Where(s => s.EffectiveFrom <= date).OrderByDescending(s => s.EffectiveFrom).FirstOrDefaultAsync(ct)
        ?? throw new DomainException(Localized.Text(
            $"No base salary is configured in force on {date:yyyy-MM-dd}: the earliest entry starts later (GET /api/v1/commendation/base-salaries).",
            $"Chưa có mức lương cơ sở áp dụng vào ngày {date:dd/MM/yyyy}: mức sớm nhất được cấu hình áp dụng từ ngày sau đó (GET /api/v1/commendation/base-salaries)."));

    public static IQueryable<BaseSalaryDto> ToDtos(this IQueryable<BaseSalary> salaries) =>
        salaries.Select(s => new BaseSalaryDto(s.Id, s.EffectiveFrom, s.Amount, s.LegalBasis, s.Version));
}

/// <summary>Every configured base salary, oldest first (a short list: one entry per change of the law).</summary>
public sealed record ListBaseSalariesQuery : IRequest<IReadOnlyList<BaseSalaryDto>>;

public sealed class ListBaseSalariesHandler(IAppDbContext db) : IRequestHandler<ListBaseSalariesQuery, IReadOnlyList<BaseSalaryDto>>
{
    public async Task<IReadOnlyList<BaseSalaryDto>> Handle(ListBaseSalariesQuery request, CancellationToken cancellationToken) =>
        await db.BaseSalaries.AsNoTracking().OrderBy(s => s.EffectiveFrom).ToDtos().ToListAsync(cancellationToken);
}

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
                $"Đã có mức lương cơ sở áp dụng từ ngày {from:dd/MM/yyyy}; hãy sửa mức đó."));
        var salary = BaseSalary.Create(from, request.Amount!.Value, request.LegalBasis!);
        db.BaseSalaries.Add(salary);
        await db.SaveChangesAsync(cancellationToken);
        return await db.BaseSalaries.AsNoTracking().Where(s => s.Id == salary.Id).ToDtos().SingleAsync(cancellationToken);
    }
}

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
            throw new DomainException(Localized.Text($"A base salary is already configured from {from:yyyy-MM-dd}.", $"Đã có mức lương cơ sở áp dụng từ ngày {from:dd/MM/yyyy}."));
        salary.Describe(from, request.Amount!.Value, request.LegalBasis!);
        await db.SaveChangesAsync(cancellationToken);
        return await db.BaseSalaries.AsNoTracking().Where(s => s.Id == salary.Id).ToDtos().SingleAsync(cancellationToken);
    }
}

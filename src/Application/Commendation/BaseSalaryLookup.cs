using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>The base salary in force on a date: the entry with the latest effective date on or before it.</summary>
public static class BaseSalaryLookup
{
    public static async Task<BaseSalary> InForceOnAsync(this IQueryable<BaseSalary> salaries, DateOnly date, CancellationToken ct) =>
        await salaries.InForceOnOrNullAsync(date, ct)
        ?? throw new DomainException(Localized.Text(
            $"No base salary is configured in force on {date:yyyy-MM-dd}: the earliest entry starts later (GET /api/v1/commendation/base-salaries).",
            $"Chưa có mức lương cơ sở áp dụng vào ngày {date:yyyy-MM-dd}: mức sớm nhất được cấu hình áp dụng từ ngày sau đó (GET /api/v1/commendation/base-salaries)."));

    /// <summary>The base salary in force on a date, or null when the earliest entry starts later.</summary>
    public static Task<BaseSalary?> InForceOnOrNullAsync(this IQueryable<BaseSalary> salaries, DateOnly date, CancellationToken ct) =>
        salaries.AsNoTracking().Where(s => s.EffectiveFrom <= date).OrderByDescending(s => s.EffectiveFrom).FirstOrDefaultAsync(ct);

    public static IQueryable<BaseSalaryDto> ToDtos(this IQueryable<BaseSalary> salaries) =>
        salaries.Select(s => new BaseSalaryDto(s.Id, s.EffectiveFrom, s.Amount, s.LegalBasis, s.Version));
}

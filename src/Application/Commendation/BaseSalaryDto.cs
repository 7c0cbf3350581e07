using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;

namespace EmulationApi.Application.Commendation;

/// <summary>A base salary (mức lương cơ sở) and the date it is in force from.</summary>
/// <param name="Amount">VND per month.</param>
public sealed record BaseSalaryDto(Guid Id, DateOnly EffectiveFrom, long Amount, string LegalBasis, uint Version);

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Lookups the unit use cases share.</summary>
public static class UnitQueries
{
    /// <summary>Case-insensitive match on the unit code; uses the unique index on lower(code).</summary>
    public static IQueryable<Unit> WithCode(this IQueryable<Unit> units, string code)
    {
        var key = code.Trim().ToLowerInvariant();
        return units.Where(u => u.Code.ToLower() == key);
    }

    /// <summary>The id of the unit a body's <c>parentCode</c> names; an unknown code is a 400 on that field.</summary>
    public static async Task<Guid?> ResolveParentAsync(this IAppDbContext db, string? parentCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(parentCode)) return null;
        var id = await db.Units.WithCode(parentCode).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new ValidationException([new ValidationFailure("parentCode", $"No unit has the code '{parentCode.Trim()}'.")]);
    }
}

using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using EmulationApi.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Units;

/// <summary>Lookups the unit use cases share.</summary>
public static class UnitQueries
{
    /// <summary>Case-insensitive match on the unit code; uses the unique index on lower(code).</summary>
    public static IQueryable<Unit> WithCode(this IQueryable<Unit> units, string code)
    {
        var key = UnitCodeLookup.Key(code);
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower(); neither ToLowerInvariant() nor the CultureInfo overload translates
        return units.Where(u => u.Code.ToLower() == key);
        #pragma warning restore MA0011
    }

    /// <summary>
    /// Looks the codes up in one query, without regard to case (the registry's rule: the unique index on lower(code)).
    /// Each code the registry lacks is a failure on the field it came from, as the client sent it
    /// (e.g. <c>members[2].unitCode</c>); see <see cref="UnitCodeLookup.Unknown"/>.
    /// </summary>
    public static async Task<UnitCodeLookup> LookUpCodesAsync(this IQueryable<Unit> units, IEnumerable<UnitCodeAt> codes, CancellationToken ct)
    {
        var asked = codes.ToList();
        if (asked.Count == 0) return new UnitCodeLookup([], []);
        var keys = asked.Select(c => UnitCodeLookup.Key(c.Code)).Distinct(StringComparer.Ordinal).ToList();
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower(); neither ToLowerInvariant() nor the CultureInfo overload translates
        var found = await units.Where(u => keys.Contains(u.Code.ToLower())).Select(u => new KnownUnit(u.Id, u.Code, u.Kind, u.Name)).ToListAsync(ct);
        #pragma warning restore MA0011
        return new UnitCodeLookup(found, asked);
    }

    /// <summary>As <see cref="LookUpCodesAsync"/>, and an unknown code is a 400 (ValidationException) naming its field.</summary>
    public static async Task<UnitCodeLookup> ResolveCodesAsync(this IQueryable<Unit> units, IEnumerable<UnitCodeAt> codes, CancellationToken ct) =>
        (await units.LookUpCodesAsync(codes, ct)).ThrowIfUnknown();

    /// <summary>The unit one field names; an unknown code is a 400 on that field.</summary>
    public static async Task<KnownUnit> ResolveCodeAsync(this IQueryable<Unit> units, string field, string code, CancellationToken ct) =>
        (await units.ResolveCodesAsync([new UnitCodeAt(field, code)], ct))[code];

    /// <summary>The id of the unit a body's <c>parentCode</c> names; an unknown code is a 400 on that field.</summary>
    public static async Task<Guid?> ResolveParentAsync(this IAppDbContext db, string? parentCode, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(parentCode) ? null : (await db.Units.ResolveCodeAsync("parentCode", parentCode, ct)).Id;
}

using EmulationApi.Domain.Commendation;

namespace EmulationApi.Application.Commendation;

/// <summary>A catalog entry: an emulation title (danh hiệu thi đua) or a commendation form (hình thức khen thưởng).</summary>
/// <param name="Code">Its stable code, what the rules, the register and the dossiers refer to.</param>
/// <param name="Types">The commendation types (loại hình) it may be given under; empty when the catalog does not say.</param>
/// <param name="RewardCoefficient">The reward coefficient × the base salary in force on the decision date, where the law sets one.</param>
/// <param name="LegalBasis">The article(s) it is cited from.</param>
/// <param name="FromLaw">Loaded from the law by the seed: editable by admins, never deleted.</param>
public sealed record AwardDto(
    Guid Id,
    string Code,
    string Name,
    AwardCategory Category,
    AwardRecipient Recipient,
    GrantingLevel Level,
    IReadOnlyList<CommendationType> Types,
    decimal? RewardCoefficient,
    string? LegalBasis,
    bool FromLaw,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>An award as other representations name it.</summary>
public sealed record AwardRefDto(Guid Id, string Code, string Name);

public static class AwardQueries
{
    public static IQueryable<AwardDto> ToDtos(this IQueryable<Award> awards) =>
        awards.Select(a => new AwardDto(a.Id, a.Code, a.Name, a.Category, a.Recipient, a.Level, a.Types, a.RewardCoefficient, a.LegalBasis,
            a.FromLaw, a.CreatedAt, a.UpdatedAt, a.Version));

    /// <summary>The code as stored: trimmed, upper case (codes are matched case-insensitively).</summary>
    public static string CodeKey(string code) => code.Trim().ToUpperInvariant();
}
